package dev.pncpki.bridge.store;

import dev.pncpki.bridge.station.CertificateBinding;
import dev.pncpki.bridge.station.CredentialChanges;
import dev.pncpki.bridge.station.SecurityProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The credential changes under way, in the {@code station} table's pending columns: a password sent
 * and not yet confirmed ({@code pending_password_hash}), an upgrade started and not yet completed
 * ({@code target_profile}). Each statement names what it expects, so a later change is never
 * completed by an earlier one's answer.
 */
public final class CredentialTable implements CredentialChanges {
  private final Jdbi jdbi;

  public CredentialTable(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void stagePassword(String stationId, String hash) {
    update(
        """
        UPDATE station SET pending_password_hash = :hash, pending_password_since = now(),
          updated_at = now()
        WHERE id = :id
        """,
        stationId,
        hash);
  }

  @Override
  public boolean promotePassword(String stationId, String hash) {
    return update(
            """
            UPDATE station SET password_hash = pending_password_hash, pending_password_hash = NULL,
              pending_password_since = NULL, updated_at = now()
            WHERE id = :id AND pending_password_hash = :hash
            """,
            stationId,
            hash)
        == 1;
  }

  @Override
  public void dropPassword(String stationId, String hash) {
    update(
        """
        UPDATE station SET pending_password_hash = NULL, pending_password_since = NULL,
          updated_at = now()
        WHERE id = :id AND pending_password_hash = :hash
        """,
        stationId,
        hash);
  }

  /** A binding given with the upgrade replaces the registered one whole (CN or fingerprint). */
  @Override
  public void stageUpgrade(
      String stationId, SecurityProfile target, Optional<CertificateBinding> binding) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    """
                    UPDATE station SET target_profile = :target,
                      certificate_cn = CASE WHEN :given THEN :cn ELSE certificate_cn END,
                      certificate_sha256 = CASE WHEN :given THEN :sha256 ELSE certificate_sha256 END,
                      updated_at = now()
                    WHERE id = :id AND security_profile < :target
                    """)
                .bind("id", stationId)
                .bind("target", target.number())
                .bind("given", binding.isPresent())
                .bind("cn", binding.map(StationTable::commonName).orElse(null))
                .bind("sha256", binding.map(StationTable::sha256).orElse(null))
                .execute());
  }

  @Override
  public boolean completeUpgrade(String stationId, SecurityProfile target) {
    return jdbi.withHandle(
            h ->
                h.createUpdate(
                        """
                        UPDATE station SET security_profile = target_profile, target_profile = NULL,
                          updated_at = now()
                        WHERE id = :id AND target_profile = :target
                        """)
                    .bind("id", stationId)
                    .bind("target", target.number())
                    .execute())
        == 1;
  }

  @Override
  public void cancelUpgrade(String stationId, SecurityProfile target) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    """
                    UPDATE station SET target_profile = NULL, updated_at = now()
                    WHERE id = :id AND target_profile = :target
                    """)
                .bind("id", stationId)
                .bind("target", target.number())
                .execute());
  }

  /**
   * A pending password none of whose CALLs since it was staged is open or answered, and an upgrade
   * whose latest CALL failed or was cancelled, are undone. A minute's grace covers the moment
   * between staging a change and storing its CALL.
   */
  @Override
  public List<Released> releaseUnanswered(String rotationOrigin, String upgradeOrigin) {
    return jdbi.inTransaction(
        h -> {
          List<Released> out = new ArrayList<>();
          h.createQuery(
                  """
                  UPDATE station s SET pending_password_hash = NULL, pending_password_since = NULL,
                    updated_at = now()
                  WHERE s.pending_password_hash IS NOT NULL
                    AND s.pending_password_since < now() - interval '1 minute'
                    AND NOT EXISTS (
                      SELECT 1 FROM delivery d
                      WHERE d.station_id = s.id AND starts_with(d.origin, :rotation)
                        AND d.created_at >= s.pending_password_since
                        AND d.state IN ('pending', 'sending', 'answered'))
                  RETURNING s.id
                  """)
              .bind("rotation", rotationOrigin)
              .mapTo(String.class)
              .forEach(id -> out.add(new Released(id, Released.Change.PASSWORD)));
          h.createQuery(
                  """
                  UPDATE station s SET target_profile = NULL, updated_at = now()
                  WHERE s.target_profile IS NOT NULL
                    AND s.updated_at < now() - interval '1 minute'
                    AND (SELECT d.state FROM delivery d
                         WHERE d.station_id = s.id AND starts_with(d.origin, :upgrade)
                         ORDER BY d.id DESC LIMIT 1) IN ('failed', 'cancelled')
                  RETURNING s.id
                  """)
              .bind("upgrade", upgradeOrigin)
              .mapTo(String.class)
              .forEach(id -> out.add(new Released(id, Released.Change.UPGRADE)));
          return out;
        });
  }

  private int update(String sql, String stationId, String hash) {
    return jdbi.withHandle(
        h -> h.createUpdate(sql).bind("id", stationId).bind("hash", hash).execute());
  }
}
