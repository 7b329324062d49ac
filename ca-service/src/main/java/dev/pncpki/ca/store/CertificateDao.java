package dev.pncpki.ca.store;

import dev.pncpki.ca.issuance.CertificateRow;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for issued certificates. Status changes only move forward: pending to issued or failed. */
@RegisterConstructorMapper(CertificateRow.class)
public interface CertificateDao {

  @SqlUpdate(
      """
      update certificate set status = 'failed', failure = :failure
      where issuer_id = :issuerId and serial = :serial and status = 'pending'
      """)
  int fail(
      @Bind("issuerId") String issuerId,
      @Bind("serial") String serial,
      @Bind("failure") String failure);

  @SqlUpdate(
      """
      update certificate set revoked_at = :at, revocation_reason = :reason
      where issuer_id = :issuerId and serial = :serial and status = 'issued' and revoked_at is null
      """)
  int revoke(
      @Bind("issuerId") String issuerId,
      @Bind("serial") String serial,
      @Bind("at") Instant at,
      @Bind("reason") short reason);

  @SqlQuery("select * from certificate where issuer_id = :issuerId and serial = :serial")
  Optional<CertificateRow> find(@Bind("issuerId") String issuerId, @Bind("serial") String serial);

  @SqlQuery("select * from certificate where serial = :serial")
  List<CertificateRow> findBySerial(@Bind("serial") String serial);

  @SqlQuery("select * from certificate where requester = :requester and idempotency_key = :key")
  Optional<CertificateRow> findByIdempotencyKey(
      @Bind("requester") String requester, @Bind("key") String key);

  @SqlQuery(
      """
      select * from certificate
      where status = 'issued'
        and (cast(:cn as text) is null or subject_cn = :cn)
        and (cast(:state as text) is null
             or (:state = 'revoked' and revoked_at is not null)
             or (:state = 'valid' and revoked_at is null and not_after > now())
             or (:state = 'expired' and revoked_at is null and not_after <= now()))
        and (cast(:expiringBefore as timestamptz) is null or not_after < :expiringBefore)
      order by not_after, issuer_id, serial
      limit :limit
      """)
  List<CertificateRow> search(
      @Bind("cn") String cn,
      @Bind("state") String state,
      @Bind("expiringBefore") Instant expiringBefore,
      @Bind("limit") int limit);
}
