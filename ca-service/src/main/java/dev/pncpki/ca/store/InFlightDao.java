package dev.pncpki.ca.store;

import dev.pncpki.ca.issuance.InFlightRow;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The issuances in flight, with the instance that records each ({@link InstanceLock}), for crash
 * recovery. Resolving one is {@link CertificateDao#fail}, which moves only a pending row, so two
 * instances resolving the same row at once fail it (and audit it) once.
 */
@RegisterConstructorMapper(InFlightRow.class)
public interface InFlightDao {
  @SqlQuery(
      """
      select t.issuer_id, t.serial, t.owner, t.requester, t.created_at, c.emaid, c.pcid, c.replaces
      from certificate t left join contract c on c.issuer_id = t.issuer_id and c.serial = t.serial
      where t.status = 'pending'
      order by t.created_at
      """)
  List<InFlightRow> pending();

  /** Whether the instance numbered {@code owner} holds its lock ({@link InstanceLock#isAlive}). */
  @SqlQuery("select not pg_try_advisory_xact_lock(:space, :owner)")
  boolean alive(@Bind("space") int space, @Bind("owner") int owner);
}
