package dev.pncpki.ca.store;

import dev.pncpki.ca.audit.AuditEventRow;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Reads the audit log; appends go through AuditLog, which keeps the hash chain. */
@RegisterConstructorMapper(AuditEventRow.class)
public interface AuditEventDao {

  /**
   * One page of events, newest first, below the cursor {@code before} (an event id). A null filter
   * matches everything; the casts give PostgreSQL the parameter types a null alone does not.
   */
  @SqlQuery(
      """
      select id, at, actor, action, target, outcome, detail, hash
      from audit_event
      where (cast(:actor as text) is null or actor = :actor)
        and (cast(:action as text) is null or action = :action)
        and (cast(:outcome as text) is null or outcome = :outcome)
        and (cast(:since as timestamptz) is null or at >= :since)
        and (cast(:until as timestamptz) is null or at < :until)
        and (cast(:before as bigint) is null or id < :before)
      order by id desc
      limit :limit
      """)
  List<AuditEventRow> page(
      @Bind("actor") String actor,
      @Bind("action") String action,
      @Bind("outcome") String outcome,
      @Bind("since") Instant since,
      @Bind("until") Instant until,
      @Bind("before") Long before,
      @Bind("limit") int limit);
}
