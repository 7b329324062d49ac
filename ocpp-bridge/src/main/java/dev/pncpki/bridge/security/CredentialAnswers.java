package dev.pncpki.bridge.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pncpki.bridge.audit.AdminAudit;
import dev.pncpki.bridge.audit.AdminAudit.AdminEvent;
import dev.pncpki.bridge.outbox.Delivery;
import dev.pncpki.bridge.outbox.Dispatcher;
import dev.pncpki.bridge.outbox.Outbox;
import dev.pncpki.bridge.station.CredentialChanges;
import dev.pncpki.bridge.station.StationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a station's answers to credential changes mean, on whichever instance gets them: a new
 * password the station accepted becomes its password (one it must reboot for stays pending beside
 * the old until it logs in with it); one it refused is forgotten, the old one stays. Each accepted
 * step of a 2.0.1 security-profile upgrade sends the next (SetNetworkProfile, then
 * NetworkConfigurationPriority, then Reset OnIdle); a refused one ends the upgrade. Every outcome
 * is audited (actor "bridge").
 */
public final class CredentialAnswers implements Dispatcher.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(CredentialAnswers.class);
  private static final String ACTOR = "bridge";

  private final StationRegistry registry;
  private final CredentialChanges changes;
  private final Outbox outbox;
  private final AdminAudit audit;

  public CredentialAnswers(
      StationRegistry registry, CredentialChanges changes, Outbox outbox, AdminAudit audit) {
    this.registry = registry;
    this.changes = changes;
    this.outbox = outbox;
    this.audit = audit;
  }

  @Override
  public void answered(Delivery d, JsonNode answer) {
    String status = CredentialCalls.status(answer);
    if (d.origin().startsWith(PasswordRotation.ORIGIN)) {
      password(d, status);
    } else {
      Steps.of(d.origin()).ifPresent(steps -> upgrade(d, steps, status));
    }
  }

  /**
   * Undoes the credential changes whose CALL failed after its last attempt or was cancelled (run on
   * every outbox sweep, by each instance; the statements decide once), each audited.
   */
  public void releaseUnanswered() {
    for (CredentialChanges.Released r :
        changes.releaseUnanswered(PasswordRotation.ORIGIN, ProfileUpgrade.ORIGIN)) {
      switch (r.change()) {
        case PASSWORD ->
            record(
                r.stationId(),
                "password-rotate",
                "unanswered",
                "the CALL failed or was cancelled: the new password is forgotten, the old one"
                    + " stays");
        case UPGRADE ->
            record(
                r.stationId(),
                "security-profile-upgrade",
                "unanswered",
                "a CALL of the upgrade failed or was cancelled: the profile stays; start it again"
                    + " to retry");
      }
    }
  }

  private void password(Delivery d, String status) {
    String token = d.origin().substring(PasswordRotation.ORIGIN.length());
    String id = d.stationId();
    var pending =
        registry
            .find(id)
            .flatMap(s -> s.pendingPasswordHash())
            .filter(h -> PasswordRotation.token(h).equals(token));
    if (pending.isEmpty()) {
      LOG.info("station {}: answer {} to an older password rotation, ignored", id, status);
      return;
    }
    switch (CredentialCalls.Outcome.of(status)) {
      case ACCEPTED -> {
        changes.promotePassword(id, pending.get());
        record(
            id,
            "password-rotate",
            "accepted",
            "the new password is in effect; the old one no longer works");
      }
      case AFTER_REBOOT ->
          record(
              id,
              "password-rotate",
              "reboot-required",
              "both passwords work until the station logs in with the new one");
      case REFUSED -> {
        changes.dropPassword(id, pending.get());
        record(
            id,
            "password-rotate",
            "refused",
            "the station answered " + status + "; the old password stays");
      }
    }
  }

  private void upgrade(Delivery d, Steps steps, String status) {
    String id = d.stationId();
    CredentialCalls.Outcome outcome = CredentialCalls.Outcome.of(status);
    String to = "to profile " + steps.target().number() + ": ";
    if (outcome == CredentialCalls.Outcome.REFUSED && !steps.step().equals(Steps.RESET)) {
      changes.cancelUpgrade(id, steps.target());
      record(
          id,
          "security-profile-upgrade",
          "refused",
          to + d.action() + " answered " + status + "; the profile stays");
      return;
    }
    switch (steps.step()) {
      case Steps.NETWORK_PROFILE ->
          next(
              d,
              CredentialCalls.priority(
                  id, d.route(), steps.priority(), steps.next(Steps.PRIORITY)));
      case Steps.PRIORITY -> next(d, CredentialCalls.reset(id, d.route(), steps.next(Steps.RESET)));
      case Steps.RESET ->
          record(
              id,
              "security-profile-upgrade",
              outcome == CredentialCalls.Outcome.REFUSED ? "reset-refused" : "resetting",
              to
                  + "Reset answered "
                  + status
                  + "; the upgrade completes when the station connects at the new profile");
      default ->
          record(
              id,
              "security-profile-upgrade",
              "accepted",
              to
                  + d.action()
                  + " answered "
                  + status
                  + "; the upgrade completes when the station connects at the new profile");
    }
  }

  private void next(Delivery after, Delivery.Request request) {
    Delivery d = outbox.enqueue(request);
    record(
        after.stationId(),
        "security-profile-upgrade",
        "sent",
        after.action() + " accepted; " + d.action() + ", delivery " + d.id());
  }

  private void record(String stationId, String action, String outcome, String detail) {
    audit.record(AdminEvent.of(ACTOR, action, stationId, outcome, detail));
  }
}
