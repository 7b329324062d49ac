package dev.pncpki.ca.store;

import dev.pncpki.ca.contract.ContractRow;
import dev.pncpki.ca.contract.ContractStore.Vehicle;
import dev.pncpki.ca.contract.NewContract;
import dev.pncpki.ca.contract.ProvisioningRow;
import dev.pncpki.ca.issuance.IssuanceState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The statements every contract provisioning runs, on a handle the caller holds: plain JDBI
 * statements with mappers made once, because a SQL object's per-call set-up cost more than these
 * statements (see {@link IssuanceWrites}). The contract SQL is {@link ContractDao}'s; the vehicle
 * query, which reads a provisioning certificate with the trust of its root, is only here.
 */
public final class ContractStatements {
  // Written out, because JDBI's ConstructorMapper inspects the result set's columns again on every
  // query (a tenth of the CA's CPU per contract went there).
  private static final RowMapper<ContractRow> CONTRACT =
      (rs, ctx) ->
          new ContractRow(
              rs.getLong("id"),
              rs.getString("emaid"),
              rs.getString("pcid"),
              rs.getString("mo"),
              rs.getString("oem"),
              rs.getString("suite"),
              rs.getString("issuer_id"),
              rs.getString("serial"),
              rs.getBytes("encrypted_private_key"),
              rs.getBytes("dh_public_key"),
              nullableLong(rs, "replaces"),
              nullableLong(rs, "replaced_by"),
              instant(rs, "created_at"),
              IssuanceState.of(rs.getString("certificate_status")),
              rs.getBytes("certificate"),
              instant(rs, "not_after"),
              instant(rs, "revoked_at"),
              IssuanceState.of(rs.getString("replacement_status")));

  private static final RowMapper<ProvisioningRow> PROVISIONING =
      (rs, ctx) ->
          new ProvisioningRow(
              rs.getString("pcid"),
              rs.getString("oem"),
              rs.getString("suite"),
              rs.getBytes("certificate"),
              rs.getBytes("sub_ca_2"),
              rs.getBytes("sub_ca_1"),
              rs.getString("root_id"),
              instant(rs, "not_after"),
              rs.getString("revocation"),
              rs.getString("uploaded_by"),
              instant(rs, "uploaded_at"));

  private ContractStatements() {}

  private static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /**
   * Takes the transaction-scoped lock of each eMAID, under which its contracts are checked and
   * changed, in sorted order (so that two rounds locking overlapping eMAIDs cannot deadlock).
   */
  public static void lockEmaids(Handle h, Collection<String> emaids) {
    h.createQuery(
            "SELECT count(pg_advisory_xact_lock(hashtext('contract:' || e))) FROM"
                + " (SELECT DISTINCT e FROM unnest(CAST(:emaids AS text[])) AS e ORDER BY e) AS s")
        .bindArray("emaids", String.class, emaids)
        .mapTo(Long.class)
        .one();
  }

  /** The contracts of these eMAIDs (any PCID, any state), oldest first. */
  public static List<ContractRow> contractsOf(Handle h, Collection<String> emaids) {
    return h.createQuery(
            "select "
                + ContractDao.CONTRACT_COLUMNS
                + " where c.emaid = any(:emaids) order by c.id")
        .bindArray("emaids", String.class, emaids)
        .map(CONTRACT)
        .list();
  }

  /** Inserts contract rows, one JDBC batch, and returns their ids in the same order. */
  public static List<Long> insertContracts(Handle h, List<NewContract> contracts) {
    PreparedBatch batch = h.prepareBatch(ContractDao.INSERT_CONTRACT);
    for (NewContract c : contracts) {
      batch
          .bind("emaid", c.emaid())
          .bind("pcid", c.pcid())
          .bind("mo", c.mo())
          .bind("oem", c.oem())
          .bind("suite", c.suite())
          .bind("issuerId", c.issuerId())
          .bind("serial", c.serial())
          .bind("encryptedPrivateKey", c.encryptedPrivateKey())
          .bind("dhPublicKey", c.dhPublicKey())
          .bind("replaces", c.replaces())
          .bind("createdAt", c.createdAt())
          .add();
    }
    return batch.executePreparedBatch("id").mapTo(Long.class).list();
  }

  /**
   * The provisioning certificate of a PCID, and in the same query whether its root is trusted.
   * Plain JDBC on a pooled connection: it runs for every contract request, outside the group-commit
   * rounds, and JDBI's handle and statement set-up had cost more CPU than the query itself.
   */
  public static Optional<Vehicle> vehicle(DataSource pool, String pcid, Instant now) {
    try (Connection c = pool.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                """
                select p.*, exists (select 1 from trust_anchor t
                                    where t.id = p.root_id and t.not_after > ?) as root_trusted
                from provisioning_certificate p where p.pcid = ?
                """)) {
      s.setTimestamp(1, Timestamp.from(now));
      s.setString(2, pcid);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next()
            ? Optional.of(new Vehicle(PROVISIONING.map(rs, null), rs.getBoolean("root_trusted")))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("reading PCID " + pcid + " failed: " + e.getMessage(), e);
    }
  }
}
