package dev.pncpki.bridge.alerts;

import dev.pncpki.bridge.authority.Authority;
import dev.pncpki.bridge.authority.CaDirectory;
import dev.pncpki.bridge.campaign.CurrentCertificates;
import dev.pncpki.bridge.campaign.RevokedCaRotation;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A revoked CA (as {@code GET /v1/cas} shows it) that issued the current certificate of at least
 * one registered, enabled station: one critical {@code ca-revoked} alert per CA, naming how many
 * stations of which certificate types, and the campaign command that moves them. It clears once no
 * station holds such a certificate (matched on the issuer name, as the {@code issuer} selection
 * matches).
 */
public final class RevokedCaWatch implements Check {
  private static final Set<Alert.Kind> KINDS = Set.of(Alert.Kind.CA_REVOKED);

  private final CaDirectory cas;
  private final CurrentCertificates current;
  private final Clock clock;

  public RevokedCaWatch(CaDirectory cas, CurrentCertificates current, Clock clock) {
    this.cas = cas;
    this.current = current;
    this.clock = clock;
  }

  @Override
  public Set<Alert.Kind> kinds() {
    return KINDS;
  }

  /**
   * @throws IOException if the CA list cannot be read (the hub then keeps the previous alerts)
   */
  @Override
  public List<Alert> current() throws IOException, InterruptedException {
    Instant now = clock.instant();
    List<Alert> alerts = new ArrayList<>();
    for (Authority ca : cas.authorities()) {
      if (!ca.revoked()) {
        continue;
      }
      RevokedCaRotation left = RevokedCaRotation.of(ca, current.issuedBy(ca.subject()));
      if (!left.isEmpty()) {
        alerts.add(
            Alert.caRevoked(
                ca.id(), ca.subject(), left.stationCount(), left.counts(), left.command(), now));
      }
    }
    return alerts;
  }
}
