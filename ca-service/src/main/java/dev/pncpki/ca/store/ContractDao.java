package dev.pncpki.ca.store;

import dev.pncpki.ca.contract.ContractRow;
import dev.pncpki.ca.contract.ProvisioningRow;
import dev.pncpki.ca.contract.TrustAnchorRow;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for trust anchors, provisioning certificates and contracts. */
@RegisterConstructorMapper(TrustAnchorRow.class)
@RegisterConstructorMapper(ProvisioningRow.class)
@RegisterConstructorMapper(ContractRow.class)
public interface ContractDao {

  String CONTRACT_COLUMNS =
      """
      c.id, c.emaid, c.pcid, c.mo, c.oem, c.suite, c.issuer_id, c.serial, c.encrypted_private_key,
      c.dh_public_key, c.replaces, c.replaced_by, c.created_at, t.status as certificate_status,
      t.certificate, t.not_after, t.revoked_at, r.status as replacement_status
      from contract c join certificate t on t.issuer_id = c.issuer_id and t.serial = c.serial
      left join contract n on n.id = c.replaced_by
      left join certificate r on r.issuer_id = n.issuer_id and r.serial = n.serial
      """;

  String CONTRACTS_OF = "select " + CONTRACT_COLUMNS + " where c.emaid = :emaid order by c.id";

  String INSERT_CONTRACT =
      """
      insert into contract (emaid, pcid, mo, oem, suite, issuer_id, serial, encrypted_private_key,
        dh_public_key, replaces, created_at)
      values (:emaid, :pcid, :mo, :oem, :suite, :issuerId, :serial, :encryptedPrivateKey,
        :dhPublicKey, :replaces, :createdAt)
      """;

  @SqlUpdate(
      """
      insert into trust_anchor (id, pki, oem, subject, certificate, not_after, added_by, added_at)
      values (:id, :pki, :oem, :subject, :certificate, :notAfter, :addedBy, :addedAt)
      on conflict do nothing
      """)
  int insertTrustAnchor(@BindMethods TrustAnchorRow row);

  @SqlQuery("select * from trust_anchor order by added_at, id")
  List<TrustAnchorRow> trustAnchors();

  @SqlUpdate("delete from trust_anchor where id = :id")
  int deleteTrustAnchor(@Bind("id") String id);

  @SqlUpdate(
      """
      insert into provisioning_certificate (pcid, oem, suite, certificate, sub_ca_2, sub_ca_1,
        root_id, not_after, revocation, uploaded_by, uploaded_at)
      values (:pcid, :oem, :suite, :certificate, :subCa2, :subCa1, :rootId, :notAfter,
        :revocation, :uploadedBy, :uploadedAt)
      on conflict do nothing
      """)
  int insertProvisioning(@BindMethods ProvisioningRow row);

  @SqlQuery("select * from provisioning_certificate where pcid = :pcid")
  Optional<ProvisioningRow> provisioning(@Bind("pcid") String pcid);

  @SqlQuery(
      "select * from provisioning_certificate where oem = :oem or cast(:oem as text) is null order by pcid")
  List<ProvisioningRow> provisioningOf(@Bind("oem") String oem);

  @SqlUpdate("delete from provisioning_certificate where pcid = :pcid")
  int deleteProvisioning(@Bind("pcid") String pcid);

  /**
   * Points a contract at its renewal. An earlier renewal that failed is overwritten; one that is
   * pending or issued is not (the caller checked under the eMAID lock that there is none).
   */
  @SqlUpdate(
      """
      update contract set replaced_by = :by where id = :id and (replaced_by is null
        or replaced_by in (select n.id from contract n join certificate r
          on r.issuer_id = n.issuer_id and r.serial = n.serial where r.status = 'failed'))
      """)
  int markReplaced(@Bind("id") long id, @Bind("by") long by);

  @SqlQuery(
      "select " + CONTRACT_COLUMNS + " where c.emaid = :emaid and c.pcid = :pcid order by c.id")
  List<ContractRow> contracts(@Bind("emaid") String emaid, @Bind("pcid") String pcid);

  @SqlQuery("select " + CONTRACT_COLUMNS + " where c.issuer_id = :issuerId and c.serial = :serial")
  Optional<ContractRow> byCertificate(
      @Bind("issuerId") String issuerId, @Bind("serial") String serial);

  @SqlQuery(CONTRACTS_OF)
  List<ContractRow> contractsOf(@Bind("emaid") String emaid);

  @SqlQuery(
      "select "
          + CONTRACT_COLUMNS
          + """
           where (cast(:mo as text) is null or c.mo = :mo) and (cast(:pcid as text) is null or c.pcid = :pcid)
             and (cast(:emaid as text) is null or c.emaid = :emaid)
             and (cast(:oem as text) is null or c.oem = :oem)
           order by c.id desc limit :limit
          """)
  List<ContractRow> search(
      @Bind("mo") String mo,
      @Bind("oem") String oem,
      @Bind("pcid") String pcid,
      @Bind("emaid") String emaid,
      @Bind("limit") int limit);
}
