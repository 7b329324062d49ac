package dev.pncpki.ca.store;

import dev.pncpki.ca.issuance.AuthorityRow;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for the CA hierarchy; rows are only ever added. */
@RegisterConstructorMapper(AuthorityRow.class)
public interface AuthorityDao {

  @SqlUpdate(
      """
      insert into authority (id, profile, issuer_id, key_ref, serial, certificate, not_after, base_url)
      values (:id, :profile, :issuerId, :keyRef, :serial, :certificate, :notAfter, :baseUrl)
      on conflict (id) do nothing
      """)
  int insertIfAbsent(@BindMethods AuthorityRow row);

  @SqlQuery(
      "select id, profile, issuer_id, key_ref, serial, certificate, not_after, base_url from authority order by imported_at, id")
  List<AuthorityRow> all();

  @SqlQuery(
      "select id, profile, issuer_id, key_ref, serial, certificate, not_after, base_url from authority where id = :id")
  Optional<AuthorityRow> find(@Bind("id") String id);
}
