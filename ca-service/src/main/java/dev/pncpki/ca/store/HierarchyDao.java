package dev.pncpki.ca.store;

import dev.pncpki.ca.issuance.AffectedRow;
import dev.pncpki.ca.issuance.AuthorityCertificateRow;
import dev.pncpki.ca.issuance.ProfileCount;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * SQL for the hierarchy's own certificate rows (made by the ceremony, imported at start-up) and for
 * the certificates whose chains run through one CA.
 */
@RegisterConstructorMapper(AffectedRow.class)
@RegisterConstructorMapper(ProfileCount.class)
public interface HierarchyDao {

  /** The CA {@code :caId} and every CA below it. */
  String BELOW =
      """
      with recursive below (id) as (
        select cast(:caId as text)
        union
        select a.id from authority a join below b on a.issuer_id = b.id
      )
      """;

  @SqlUpdate(
      """
      insert into certificate (issuer_id, serial, profile, subject_cn, status, requester,
        request_sha256, created_at, not_before, not_after, certificate, authority_id)
      values (:issuerId, :serial, :profile, :subjectCn, 'issued', 'ceremony',
        :sha256, :createdAt, :notBefore, :notAfter, :der, :authorityId)
      on conflict do nothing
      """)
  int insertIfAbsent(@BindMethods AuthorityCertificateRow row);

  /** The authority whose certificate row is {@code issuerId/serial}, if the row is present. */
  @SqlQuery("select authority_id from certificate where issuer_id = :issuerId and serial = :serial")
  Optional<String> authorityOf(@Bind("issuerId") String issuerId, @Bind("serial") String serial);

  /**
   * Locks the certificate row of the authority {@code id} until the transaction ends, so that an
   * issuance under it, whose trigger reads the row FOR SHARE, waits for what this transaction does.
   */
  @SqlQuery("select authority_id from certificate where authority_id = :id for update")
  Optional<String> lockCertificate(@Bind("id") String id);

  @SqlQuery("select count(*) from certificate where authority_id = :id")
  int rowsOf(@Bind("id") String authorityId);

  /** The CA {@code id} or one above it, whichever is revoked, if one is. */
  @SqlQuery(
      """
      with recursive chain (id) as (
        select cast(:id as text)
        union
        select a.issuer_id from authority a join chain c on a.id = c.id where a.issuer_id is not null
      )
      select ca.authority_id from chain join certificate ca on ca.authority_id = chain.id
      where ca.revoked_at is not null
      limit 1
      """)
  Optional<String> revokedAtOrAbove(@Bind("id") String id);

  @SqlQuery(
      "select authority_id from certificate where authority_id is not null and revoked_at is not null")
  List<String> revokedAuthorities();

  @SqlQuery(
      BELOW
          + """
          select c.issuer_id, c.serial, c.profile, c.subject_cn, c.requester, c.not_after,
            c.revoked_at, c.revocation_reason, c.authority_id, k.emaid, k.pcid
          from certificate c
          left join contract k on k.issuer_id = c.issuer_id and k.serial = c.serial
          where c.issuer_id in (select id from below) and c.status = 'issued'
            and c.authority_id is distinct from :caId
            and (cast(:state as text) is null
                 or (:state = 'revoked' and c.revoked_at is not null)
                 or (:state = 'valid' and c.revoked_at is null and c.not_after > :now)
                 or (:state = 'expired' and c.revoked_at is null and c.not_after <= :now))
            and (cast(:afterIssuer as text) is null
                 or (c.issuer_id, c.serial) > (cast(:afterIssuer as text), cast(:afterSerial as text)))
          order by c.issuer_id, c.serial
          limit :limit
          """)
  List<AffectedRow> below(
      @Bind("caId") String caId,
      @Bind("state") String state,
      @Bind("now") Instant now,
      @Bind("afterIssuer") String afterIssuer,
      @Bind("afterSerial") String afterSerial,
      @Bind("limit") int limit);

  /**
   * Valid (unrevoked, unexpired) certificates below the CA, by profile; the CA's own row is left
   * out (a root's names the root as its issuer).
   */
  @SqlQuery(
      BELOW
          + """
          select c.profile, count(*) as count from certificate c
          where c.issuer_id in (select id from below) and c.status = 'issued'
            and c.authority_id is distinct from :caId
            and c.revoked_at is null and c.not_after > :now
          group by c.profile order by c.profile
          """)
  List<ProfileCount> validBelow(@Bind("caId") String caId, @Bind("now") Instant now);
}
