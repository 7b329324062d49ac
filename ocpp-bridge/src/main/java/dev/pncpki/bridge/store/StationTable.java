package dev.pncpki.bridge.store;

import dev.pncpki.bridge.station.CertificateBinding;
import dev.pncpki.bridge.station.SecurityProfile;
import dev.pncpki.bridge.station.Station;
import dev.pncpki.bridge.station.StationRegistry;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The station registry in the bridge's database (table {@code station}), shared by every instance.
 * A change that ends what a station may do (disable, delete) is announced with {@code NOTIFY
 * station_change} in its transaction, so that the instance holding the station's connection closes
 * it.
 */
public final class StationTable implements StationRegistry {
  /** The channel of {@link StationChanges}; its payload is a station id. */
  static final String CHANNEL = "station_change";

  private final Jdbi jdbi;

  public StationTable(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Optional<Station> find(String id) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    """
                    SELECT id, security_profile, password_hash, certificate_cn, certificate_sha256,
                      operator, model, secc_ids, enabled, pending_password_hash, target_profile,
                      registered_by, created_at
                    FROM station WHERE id = :id
                    """)
                .bind("id", id)
                .map(StationTable::station)
                .findOne());
  }

  @Override
  public List<Station> all() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    """
                    SELECT id, security_profile, password_hash, certificate_cn, certificate_sha256,
                      operator, model, secc_ids, enabled, pending_password_hash, target_profile,
                      registered_by, created_at
                    FROM station ORDER BY id
                    """)
                .map(StationTable::station)
                .list());
  }

  @Override
  public Addition add(Station s) {
    return jdbi.inTransaction(h -> add(h, s));
  }

  /**
   * Adds under a lock that orders registrations (and nothing else that reads stations), so that two
   * admins cannot register one SECC ID to two stations at once; the unique index on {@code
   * lower(id)} holds the id by itself.
   */
  private static Addition add(Handle h, Station s) {
    h.execute("LOCK TABLE station IN SHARE ROW EXCLUSIVE MODE");
    boolean idTaken =
        h.createQuery("SELECT count(*) > 0 FROM station WHERE lower(id) = lower(:id)")
            .bind("id", s.id())
            .mapTo(Boolean.class)
            .one();
    if (idTaken) {
      return Addition.ID_TAKEN;
    }
    boolean seccTaken =
        !s.seccIds().isEmpty()
            && h.createQuery(
                    """
                    SELECT count(*) > 0 FROM station, unnest(secc_ids) AS held
                    WHERE upper(replace(held, '-', ''))
                      IN (SELECT upper(replace(x, '-', '')) FROM unnest(:secc) AS x)
                    """)
                .bindArray("secc", String.class, s.seccIds())
                .mapTo(Boolean.class)
                .one();
    if (seccTaken) {
      return Addition.SECC_ID_TAKEN;
    }
    int inserted =
        h.createUpdate(
                """
                INSERT INTO station (id, security_profile, password_hash, certificate_cn,
                  certificate_sha256, operator, model, secc_ids, enabled, registered_by,
                  created_at)
                VALUES (:id, :profile, :hash, :cn, :sha256, :operator, :model, :secc,
                  :enabled, :by, :at)
                ON CONFLICT DO NOTHING
                """)
            .bindMap(values(s))
            .bindArray("secc", String.class, s.seccIds())
            .execute();
    return inserted == 1 ? Addition.ADDED : Addition.ID_TAKEN;
  }

  @Override
  public Addition seed(Station s) {
    return jdbi.inTransaction(
        h -> {
          int first =
              h.createUpdate("INSERT INTO station_seeded (id) VALUES (:id) ON CONFLICT DO NOTHING")
                  .bind("id", s.id())
                  .execute();
          if (first == 0) {
            return Addition.SEEDED_BEFORE;
          }
          return add(h, s);
        });
  }

  @Override
  public boolean setEnabled(String id, boolean enabled) {
    return changeAndAnnounce(
        """
        UPDATE station SET enabled = :enabled, updated_at = now() WHERE id = :id
        """,
        id,
        enabled);
  }

  /**
   * Deletes the station and, in the same transaction, what would act for it afterwards: its
   * undelivered CALLs are cancelled (a password or a certificate must not reach a station that was
   * deleted and registered again), its OCSP record dropped, and its certificates retired from
   * renewal, risk and expiry views (status {@value #RETIRED}; they stay as history).
   */
  @Override
  public boolean remove(String id) {
    return jdbi.inTransaction(
        h -> {
          if (!change(h, "DELETE FROM station WHERE id = :id", id, false)) {
            return false;
          }
          h.createUpdate(
                  """
                  UPDATE delivery SET state = 'cancelled', last_error = 'station deleted',
                    updated_at = now()
                  WHERE station_id = :id AND state IN ('pending', 'sending')
                  """)
              .bind("id", id)
              .execute();
          for (String forget :
              List.of(
                  "DELETE FROM station_ocsp WHERE station_id = :id",
                  "DELETE FROM station_connection WHERE station_id = :id",
                  "DELETE FROM station_info WHERE station_id = :id")) {
            h.createUpdate(forget).bind("id", id).execute();
          }
          h.createUpdate(
                  """
                  UPDATE station_certificate SET status = :retired
                  WHERE station_id = :id AND status = 'Accepted'
                  """)
              .bind("id", id)
              .bind("retired", RETIRED)
              .execute();
          return true;
        });
  }

  /** The status of the certificates of a deleted station. */
  public static final String RETIRED = "StationDeleted";

  private boolean changeAndAnnounce(String sql, String id, boolean enabled) {
    return jdbi.inTransaction(h -> change(h, sql, id, enabled));
  }

  private static boolean change(Handle h, String sql, String id, boolean enabled) {
    int n = h.createUpdate(sql).bind("id", id).bind("enabled", enabled).execute();
    if (n == 1) {
      h.createQuery("SELECT pg_notify(:channel, :id)")
          .bind("channel", CHANNEL)
          .bind("id", id)
          .mapTo(String.class)
          .one();
    }
    return n == 1;
  }

  private static java.util.Map<String, Object> values(Station s) {
    var m = new java.util.HashMap<String, Object>();
    m.put("id", s.id());
    m.put("profile", s.profile().number());
    m.put("hash", s.passwordHash().orElse(null));
    m.put("cn", s.certificate().map(StationTable::commonName).orElse(null));
    m.put("sha256", s.certificate().map(StationTable::sha256).orElse(null));
    m.put("operator", s.operator().orElse(null));
    m.put("model", s.model().orElse(null));
    m.put("enabled", s.enabled());
    m.put("by", s.registeredBy());
    m.put("at", s.registeredAt());
    return m;
  }

  static String commonName(CertificateBinding b) {
    return b instanceof CertificateBinding.CommonName cn ? cn.value() : null;
  }

  static byte[] sha256(CertificateBinding b) {
    return b instanceof CertificateBinding.Fingerprint f ? f.bytes() : null;
  }

  private static Station station(ResultSet rs, StatementContext ctx) throws SQLException {
    byte[] sha256 = rs.getBytes("certificate_sha256");
    String cn = rs.getString("certificate_cn");
    Optional<CertificateBinding> binding =
        sha256 != null
            ? Optional.of(CertificateBinding.Fingerprint.of(sha256))
            : Optional.ofNullable(cn).map(CertificateBinding.CommonName::new);
    int target = rs.getInt("target_profile");
    Array secc = rs.getArray("secc_ids");
    return new Station(
        rs.getString("id"),
        SecurityProfile.of(rs.getInt("security_profile")),
        Optional.ofNullable(rs.getString("password_hash")),
        binding,
        Optional.ofNullable(rs.getString("operator")),
        Optional.ofNullable(rs.getString("model")),
        Arrays.asList((String[]) secc.getArray()),
        rs.getBoolean("enabled"),
        Optional.ofNullable(rs.getString("pending_password_hash")),
        target == 0 ? Optional.empty() : Optional.of(SecurityProfile.of(target)),
        rs.getString("registered_by"),
        rs.getTimestamp("created_at").toInstant());
  }
}
