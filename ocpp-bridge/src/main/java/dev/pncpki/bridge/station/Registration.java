package dev.pncpki.bridge.station;

import dev.pncpki.bridge.audit.AdminAudit;
import dev.pncpki.bridge.audit.AdminAudit.AdminEvent;
import dev.pncpki.policies.id.ChargingStationId;
import dev.pncpki.policies.id.InvalidIdentifierException;
import dev.pncpki.policies.id.SeccId;
import dev.pncpki.runtime.text.PlainText;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Registers, disables, re-enables and deletes stations at run time, for every bridge instance at
 * once, each change audited. A registration is checked completely before anything is stored: the id
 * by the OCPP identity rules, a password for profiles 1 and 2 (made, 160 random bits, when none is
 * given, and then shown once), a certificate binding for profile 3.
 */
public final class Registration {
  // OCPP 2.0.1 identifierString, without ':' (it ends the HTTP Basic user id, RFC 7617)
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9*\\-_=+|@.]{1,48}");
  private static final int MAX_TEXT = 255;

  /** What an admin asks to register. */
  public record Request(
      String id,
      int securityProfile,
      Optional<String> password,
      Optional<CertificateBinding> certificate,
      Optional<String> operator,
      Optional<String> model,
      List<String> seccIds) {}

  /** The station as stored, and the password made for it, which is shown this once. */
  public record Registered(Station station, Optional<String> generatedPassword) {}

  private final StationRegistry registry;
  private final AdminAudit audit;
  private final Clock clock;

  public Registration(StationRegistry registry, AdminAudit audit, Clock clock) {
    this.registry = registry;
    this.audit = audit;
    this.clock = clock;
  }

  /** Why {@code id} cannot be a station's identity, or empty. */
  public static Optional<String> idProblem(String id) {
    try {
      ChargingStationId.parse(id);
    } catch (InvalidIdentifierException e) {
      return Optional.of(e.getMessage());
    }
    if (!IDENTIFIER.matcher(id).matches()) {
      return Optional.of(
          "station id \""
              + id
              + "\" has characters outside OCPP's identifierString (a-z A-Z 0-9 * - _ = + | @ .)");
    }
    // "." and ".." are path segments, not names: /ocpp/.. is not a station's URL
    return id.chars().allMatch(c -> c == '.')
        ? Optional.of("station id \"" + id + "\" is only dots; it is not usable in a URL")
        : Optional.empty();
  }

  /** Which wanted SECC ID another station holds, and which station, for the refusal. */
  private String takenSeccIds(List<String> wanted) {
    Set<String> compact = new HashSet<>();
    wanted.forEach(w -> compact.add(compactSecc(w)));
    return registry.all().stream()
        .flatMap(
            s ->
                s.seccIds().stream()
                    .filter(held -> compact.contains(compactSecc(held)))
                    .map(held -> held + " (" + s.id() + ")"))
        .findFirst()
        .orElse("of the request");
  }

  /** A SECC ID as compared: upper case, no hyphens (HUBSUP 3.4: hyphens are for display). */
  public static String compactSecc(String seccId) {
    return seccId.replace("-", "").toUpperCase(java.util.Locale.ROOT);
  }

  public Registered register(String actor, Request request) {
    try {
      Registered registered = build(actor, request);
      switch (registry.add(registered.station())) {
        case ADDED -> {}
        case ID_TAKEN, SEEDED_BEFORE ->
            refuse(
                StationRefusal.Reason.STATION_EXISTS,
                "station " + request.id() + " is registered already (ids are one in any case)");
        case SECC_ID_TAKEN ->
            refuse(
                StationRefusal.Reason.SECC_ID_TAKEN,
                "SECC ID " + takenSeccIds(request.seccIds()) + " is another station's");
      }
      audit.record(
          AdminEvent.of(
              actor,
              "station-register",
              request.id(),
              "done",
              "security profile "
                  + request.securityProfile()
                  + registered.generatedPassword().map(p -> ", password generated").orElse("")));
      return registered;
    } catch (StationRefusal e) {
      audit.record(
          AdminEvent.of(actor, "station-register", request.id(), "refused", e.getMessage()));
      throw e;
    }
  }

  private Registered build(String actor, Request r) {
    idProblem(r.id()).ifPresent(p -> refuse(StationRefusal.Reason.INVALID_STATION_ID, p));
    SecurityProfile profile;
    try {
      profile = SecurityProfile.of(r.securityProfile());
    } catch (IllegalArgumentException e) {
      throw new StationRefusal(StationRefusal.Reason.INVALID_FIELD, e.getMessage());
    }
    Optional<String> generated = Optional.empty();
    Optional<String> hash = Optional.empty();
    if (profile.usesPassword()) {
      String password = r.password().orElse(null);
      if (password == null) {
        password = Passwords.generate();
        generated = Optional.of(password);
      }
      Passwords.problem(password)
          .ifPresent(
              e -> {
                throw e;
              });
      hash = Optional.of(PasswordHash.of(password));
    } else if (r.password().isPresent()) {
      refuse(
          StationRefusal.Reason.INVALID_FIELD,
          "security profile 3 authenticates by client certificate; a password is not used");
    }
    if (profile == SecurityProfile.CLIENT_CERTIFICATE && r.certificate().isEmpty()) {
      refuse(
          StationRefusal.Reason.CERTIFICATE_BINDING_REQUIRED,
          "security profile 3 needs a client certificate binding: the certificate's CN or its"
              + " SHA-256 fingerprint");
    }
    text("operator", r.operator());
    text("model", r.model());
    Set<SeccId> secc = new HashSet<>();
    for (String given : r.seccIds()) {
      if (given == null) {
        refuse(StationRefusal.Reason.INVALID_FIELD, "seccIds holds null; give SECC IDs only");
      }
      try {
        if (!secc.add(SeccId.parse(given))) {
          refuse(
              StationRefusal.Reason.INVALID_FIELD,
              "seccIds names " + given + " twice (hyphens do not make a SECC ID another one)");
        }
      } catch (InvalidIdentifierException e) {
        refuse(StationRefusal.Reason.INVALID_FIELD, e.getMessage());
      }
    }
    Station station =
        Station.registered(
            r.id(),
            profile,
            hash,
            r.certificate(),
            r.operator(),
            r.model(),
            r.seccIds(),
            actor,
            clock.instant());
    return new Registered(station, generated);
  }

  private static void text(String field, Optional<String> value) {
    if (value.isEmpty()) {
      return;
    }
    if (value.get().isBlank() || value.get().length() > MAX_TEXT) {
      refuse(
          StationRefusal.Reason.INVALID_FIELD,
          field + " is 1 to " + MAX_TEXT + " characters when given");
    }
    PlainText.problem(value.get())
        .ifPresent(p -> refuse(StationRefusal.Reason.INVALID_FIELD, field + " " + p));
  }

  private static void refuse(StationRefusal.Reason reason, String detail) {
    throw new StationRefusal(reason, detail);
  }

  /** Disables or re-enables a station; a disabled one is refused at its next connection. */
  public Station setEnabled(String actor, String id, boolean enabled) {
    String action = enabled ? "station-enable" : "station-disable";
    if (!registry.setEnabled(id, enabled)) {
      audit.record(AdminEvent.of(actor, action, id, "refused", "no such station"));
      throw unknown(id);
    }
    audit.record(AdminEvent.of(actor, action, id, "done", ""));
    return registry.find(id).orElseThrow(() -> unknown(id));
  }

  /** Deletes a station: it cannot connect any more; its history stays. */
  public void delete(String actor, String id) {
    if (!registry.remove(id)) {
      audit.record(AdminEvent.of(actor, "station-delete", id, "refused", "no such station"));
      throw unknown(id);
    }
    audit.record(AdminEvent.of(actor, "station-delete", id, "done", ""));
  }

  /** The station, or the refusal that it is unknown. */
  public Station find(String id) {
    return registry.find(id).orElseThrow(() -> unknown(id));
  }

  static StationRefusal unknown(String id) {
    return new StationRefusal(
        StationRefusal.Reason.UNKNOWN_STATION, "no station " + id + " is registered");
  }
}
