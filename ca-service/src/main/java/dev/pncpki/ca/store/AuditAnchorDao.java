package dev.pncpki.ca.store;

import dev.pncpki.ca.audit.AuditAnchorRow;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.FetchSize;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The signed heads of the audit chain, and what checking them needs of audit_event. */
@RegisterConstructorMapper(AuditAnchorRow.class)
@RegisterConstructorMapper(AuditAnchorDao.Head.class)
public interface AuditAnchorDao {

  /** The chain's newest event: its id and hash. */
  record Head(long id, byte[] hash) {}

  @SqlQuery("select id, hash from audit_event order by id desc limit 1")
  Optional<Head> head();

  @SqlUpdate(
      """
      insert into audit_anchor (event_id, head_hash, signed_at, key_ref, signature)
      values (:eventId, :headHash, :signedAt, :keyRef, :signature)
      """)
  void insert(@BindMethods AuditAnchorRow anchor);

  @SqlQuery(
      """
      select event_id, head_hash, signed_at, key_ref, signature from audit_anchor
      order by signed_at desc, id desc limit 1
      """)
  Optional<AuditAnchorRow> latest();

  /** Every anchor in chain order, streamed: close the stream, inside a transaction. */
  @SqlQuery(
      """
      select event_id, head_hash, signed_at, key_ref, signature from audit_anchor
      order by event_id, id
      """)
  @FetchSize(1000)
  Stream<AuditAnchorRow> all();

  /**
   * The first anchor, in chain order, whose event is missing or has another hash than the one
   * signed. With the chain itself verified, that means the log was cut or rewritten after it.
   */
  @SqlQuery(
      """
      select a.event_id, a.head_hash, a.signed_at, a.key_ref, a.signature
      from audit_anchor a left join audit_event e on e.id = a.event_id
      where e.hash is distinct from a.head_hash
      order by a.event_id, a.id limit 1
      """)
  Optional<AuditAnchorRow> firstBroken();

  @SqlQuery("select exists (select 1 from audit_event where id = :id)")
  boolean eventExists(@Bind("id") long id);

  /** Whether this exact anchor (event and signature) is still stored. */
  @SqlQuery(
      """
      select exists (select 1 from audit_anchor where event_id = :eventId and signature = :signature)
      """)
  boolean stored(@Bind("eventId") long eventId, @Bind("signature") byte[] signature);

  /** When the oldest event after {@code eventId} was recorded, if there is one. */
  @SqlQuery("select at from audit_event where id > :eventId order by id limit 1")
  Optional<Instant> oldestAfter(@Bind("eventId") long eventId);
}
