package dev.pncpki.bridge.store;

import dev.pncpki.bridge.trust.RootFingerprint;
import dev.pncpki.bridge.trust.V2gRootPins;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** {@link V2gRootPins} in {@code station_v2g_root} and the issued {@code signing_request} rows. */
public final class V2gRootPinTable implements V2gRootPins {
  private final Jdbi jdbi;

  public V2gRootPinTable(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Optional<RootFingerprint> pinned(String stationId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT root_sha256 FROM station_v2g_root WHERE station_id = :station")
                .bind("station", stationId)
                .mapTo(String.class)
                .findOne()
                .map(RootFingerprint::new));
  }

  @Override
  public Optional<RootFingerprint> lastIssued(String stationId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    """
                    SELECT issued_root_sha256 FROM signing_request
                    WHERE station_id = :station AND certificate_type = 'V2GCertificate'
                      AND state = 'issued' AND issued_root_sha256 IS NOT NULL
                    ORDER BY received_at DESC, id DESC LIMIT 1
                    """)
                .bind("station", stationId)
                .mapTo(String.class)
                .findOne()
                .map(RootFingerprint::new));
  }

  @Override
  public boolean pin(String stationId, RootFingerprint root, String by) {
    return jdbi.withHandle(
            h ->
                h.createUpdate(
                        """
                        INSERT INTO station_v2g_root (station_id, root_sha256, set_by)
                        SELECT id, :root, :by FROM station WHERE id = :station
                        ON CONFLICT (station_id) DO UPDATE
                          SET root_sha256 = excluded.root_sha256, set_by = excluded.set_by,
                              set_at = now()
                        """)
                    .bind("station", stationId)
                    .bind("root", root.hex())
                    .bind("by", by)
                    .execute())
        > 0;
  }

  @Override
  public boolean unpin(String stationId) {
    return jdbi.withHandle(
            h ->
                h.createUpdate("DELETE FROM station_v2g_root WHERE station_id = :station")
                    .bind("station", stationId)
                    .execute())
        > 0;
  }
}
