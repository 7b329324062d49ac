package dev.pncpki.bridge.station;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a connection is the station it claims to be, under the station's security profile
 * (OCPP 2.0.1 A00; 1.6 security whitepaper section 2): profile 1 HTTP Basic, where the username
 * must be the station id of the URL and the password the station's; profile 2 the same over TLS;
 * profile 3 TLS with a client certificate (verified by the TLS layer against the trusted CAs) that
 * is the station's by its binding and names the CPO as O (A00.FR.404). A disabled station is
 * refused.
 *
 * <p>A connection also completes a credential change: a station that logs in with its pending
 * password has it, so that becomes its password; a station that connects at the profile it is being
 * upgraded to has that profile from now on, and a weaker connection is refused after (A05).
 */
public final class StationDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(StationDirectory.class);
  // compared against when a refusal saw a password that no stored hash was compared with, so that
  // every such refusal costs what a wrong password costs (see Attempt)
  private static final String NO_STATION = PasswordHash.of("no station has this password");

  /** Why a connection was refused, for the security log; the station only sees 401. */
  public record Refusal(String reason) {}

  /**
   * A verified client certificate: its one CN, its O if any, and its SHA-256 (DER, lower-case hex).
   */
  public record ClientCertificate(String commonName, String organization, String sha256) {}

  /** What the connection offers: TLS or not, its Authorization header, its client certificate. */
  public record Offer(boolean tls, String authorization, Optional<ClientCertificate> client) {}

  private final StationRegistry registry;
  private final CredentialChanges changes;
  private final String organization;
  private final PasswordCheck check;

  /** {@code organization}: the CPO; a profile-3 certificate must carry it as O (A00.FR.404). */
  public StationDirectory(
      StationRegistry registry, CredentialChanges changes, String organization) {
    this(registry, changes, organization, PasswordCheck.PBKDF2);
  }

  StationDirectory(
      StationRegistry registry,
      CredentialChanges changes,
      String organization,
      PasswordCheck check) {
    this.registry = registry;
    this.changes = changes;
    this.organization = organization;
    this.check = check;
  }

  public Optional<Station> find(String id) {
    return registry.find(id);
  }

  /** Empty if the connection proves the station's identity; else why not. */
  public Optional<Refusal> admit(String stationId, Offer offer) {
    Attempt attempt = new Attempt(BasicCredentials.parse(offer.authorization()));
    Optional<Refusal> refusal = decide(stationId, offer, attempt);
    if (refusal.isPresent()) {
      attempt.costOfAWrongPassword();
    }
    return refusal;
  }

  private Optional<Refusal> decide(String stationId, Offer offer, Attempt attempt) {
    Optional<Station> found = registry.find(stationId);
    if (found.isEmpty()) {
      return Optional.of(new Refusal("unknown station " + stationId));
    }
    Station station = found.get();
    if (!station.enabled()) {
      return Optional.of(new Refusal(stationId + " is disabled"));
    }
    if (station.targetProfile().isPresent()) {
      SecurityProfile target = station.targetProfile().get();
      Proof upgraded = prove(station, target, offer, attempt);
      if (upgraded.refusal().isEmpty()) {
        if (changes.completeUpgrade(stationId, target)) {
          LOG.info("station {} connected at security profile {}", stationId, target.number());
        }
        upgraded.promoteIfPending(stationId);
        return Optional.empty();
      }
    }
    Proof proof = prove(station, station.profile(), offer, attempt);
    proof.promoteIfPending(stationId);
    return proof.refusal();
  }

  /**
   * One connection's Basic credentials, and whether a stored hash was compared with them. A refusal
   * of a connection that sent a password costs at least one PBKDF2 derivation whatever its reason
   * (an unknown or disabled station, another station's username, a station that takes no password
   * or none without TLS), as a wrong password does: the answer time tells no more than the 401 does
   * (which ids exist, which are disabled, which profile each has).
   */
  private final class Attempt {
    private final BasicCredentials.Result parsed;
    // each stored hash is derived against once per connection, however often the upgrade path
    // and the current profile ask about it
    private final java.util.Map<String, Boolean> compared = new java.util.HashMap<>();

    Attempt(BasicCredentials.Result parsed) {
      this.parsed = parsed;
    }

    boolean matches(BasicCredentials credentials, String storedHash) {
      return compared.computeIfAbsent(storedHash, h -> credentials.matches(h, check));
    }

    void costOfAWrongPassword() {
      if (compared.isEmpty()) {
        parsed.credentials().ifPresent(c -> c.matches(NO_STATION, check));
      }
    }
  }

  /** How a connection fared against one profile, and the pending password it used, if it did. */
  private record Proof(
      Optional<Refusal> refusal, Optional<String> pendingUsed, CredentialChanges changes) {
    void promoteIfPending(String stationId) {
      if (refusal.isEmpty() && pendingUsed.isPresent()) {
        if (changes.promotePassword(stationId, pendingUsed.get())) {
          LOG.info("station {} logged in with its new password: the old one is no more", stationId);
        }
      }
    }
  }

  private Proof prove(Station station, SecurityProfile profile, Offer offer, Attempt attempt) {
    if (profile.needsTls() && !offer.tls()) {
      return refused(station.id() + " has security profile " + profile.number() + ": TLS");
    }
    if (profile == SecurityProfile.CLIENT_CERTIFICATE) {
      return certificateProblem(station, offer.client())
          .map(this::refused)
          .orElseGet(() -> proven(Optional.empty()));
    }
    return basic(station, attempt);
  }

  private Proof proven(Optional<String> pendingPasswordUsed) {
    return new Proof(Optional.empty(), pendingPasswordUsed, changes);
  }

  private Proof refused(String reason) {
    return new Proof(Optional.of(new Refusal(reason)), Optional.empty(), changes);
  }

  private Optional<String> certificateProblem(Station station, Optional<ClientCertificate> client) {
    if (client.isEmpty()) {
      return Optional.of(station.id() + " presented no client certificate");
    }
    ClientCertificate c = client.get();
    CertificateBinding binding = station.certificate().orElseThrow();
    if (!binding.matches(c.commonName(), c.sha256())) {
      return Optional.of(
          "client certificate CN "
              + c.commonName()
              + " is not the one bound to "
              + station.id()
              + " ("
              + binding
              + ")");
    }
    if (!organization.equals(c.organization())) {
      return Optional.of("client certificate O " + c.organization() + " is not " + organization);
    }
    return Optional.empty();
  }

  private Proof basic(Station station, Attempt attempt) {
    BasicCredentials.Result parsed = attempt.parsed;
    if (parsed.credentials().isEmpty()) {
      return refused(parsed.problem());
    }
    BasicCredentials credentials = parsed.credentials().get();
    if (!credentials.user().equals(station.id())) {
      return refused("username is not the station id " + station.id());
    }
    if (station.passwordHash().filter(h -> attempt.matches(credentials, h)).isPresent()) {
      return proven(Optional.empty());
    }
    Optional<String> pending =
        station.pendingPasswordHash().filter(h -> attempt.matches(credentials, h));
    if (pending.isPresent()) {
      return proven(pending);
    }
    return refused("wrong password for " + station.id());
  }
}
