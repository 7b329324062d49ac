package dev.pncpki.bridge.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pncpki.bridge.station.CertificateBinding;
import dev.pncpki.bridge.station.Station;
import dev.pncpki.bridge.station.StationRegistry;
import dev.pncpki.bridge.store.OcspFreshness;
import dev.pncpki.bridge.store.Presence;
import dev.pncpki.bridge.store.Renewals;
import dev.pncpki.bridge.store.StationCertificates;
import dev.pncpki.bridge.store.StationInfo;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Stations as the admin API shows them: the registration (profile, binding, operator, model,
 * whether a password or profile change is under way), the state ({@code connected}, {@code
 * disconnected}, {@code never-connected} or {@code disabled}), where it is connected, what it
 * reported of itself, the certificates it accepted with days left, its last renewal and OCSP
 * answer. A station that never connected is listed like any other. No password or hash is ever
 * shown.
 */
final class StationViews {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where a station's state comes from. */
  record Sources(
      StationRegistry registry,
      Presence presence,
      StationInfo info,
      StationCertificates certificates,
      Renewals renewals,
      OcspFreshness ocsp) {}

  /** What the list shows of a station, by its connection and registration. */
  enum State {
    CONNECTED,
    DISCONNECTED,
    NEVER_CONNECTED,
    DISABLED;

    String wire() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Optional<State> of(String wire) {
      for (State s : values()) {
        if (s.wire().equals(wire)) {
          return Optional.of(s);
        }
      }
      return Optional.empty();
    }

    static State of(Station s, Optional<Presence.Connection> c) {
      if (!s.enabled()) {
        return DISABLED;
      }
      return c.map(x -> x.connected() ? CONNECTED : DISCONNECTED).orElse(NEVER_CONNECTED);
    }
  }

  private final Sources sources;

  StationViews(Sources sources) {
    this.sources = sources;
  }

  /**
   * Every registered station, by id, optionally only those in {@code state} or of {@code operator}.
   */
  ArrayNode all(Optional<State> state, Optional<String> operator) {
    Map<String, Presence.Connection> connections =
        sources.presence().all().stream()
            .collect(Collectors.toMap(Presence.Connection::stationId, Function.identity()));
    var certificates = sources.certificates().all();
    var renewals = sources.renewals().latest();
    var ocsp = sources.ocsp().all();
    var reported = sources.info().all();
    Instant now = Instant.now();
    ArrayNode out = JSON.createArrayNode();
    for (Station s : sources.registry().all()) {
      Optional<Presence.Connection> c = Optional.ofNullable(connections.get(s.id()));
      if (state.filter(w -> w != State.of(s, c)).isPresent()
          || operator.filter(o -> !o.equals(s.operator().orElse(null))).isPresent()) {
        continue;
      }
      ObjectNode view =
          view(s, c, certificates.getOrDefault(s.id(), List.of()), reported.get(s.id()), now);
      Views.health(view, renewals.get(s.id()), ocsp.get(s.id()));
      out.add(view);
    }
    return out;
  }

  /** One station in full: also its trust anchors, last deliveries and security events. */
  ObjectNode one(Station s, Views.Recent recent) {
    String id = s.id();
    ObjectNode out =
        view(
            s,
            sources.presence().find(id),
            sources.certificates().of(id),
            sources.info().all().get(id),
            Instant.now());
    Views.health(out, sources.renewals().latest().get(id), sources.ocsp().all().get(id));
    sources
        .certificates()
        .anchors(id)
        .ifPresent(
            a -> {
              ObjectNode anchors = out.putObject("trustAnchors");
              anchors.put("askedAt", a.at().toString()).put("deliveryId", a.deliveryId());
              anchors.set("answer", a.answer());
            });
    recent.addTo(out, id);
    return out;
  }

  /** The registration part alone (the answer to a change). */
  static ObjectNode registration(Station s) {
    ObjectNode out = JSON.createObjectNode().put("id", s.id());
    registration(out, s);
    return out;
  }

  private static ObjectNode view(
      Station s,
      Optional<Presence.Connection> c,
      List<StationCertificates.Delivered> certificates,
      StationInfo.Reported reported,
      Instant now) {
    ObjectNode out = Views.station(s.id(), c, certificates, now);
    out.put("state", State.of(s, c).wire());
    registration(out, s);
    if (reported != null) {
      ObjectNode r =
          out.putObject("reported").put("vendor", reported.vendor()).put("model", reported.model());
      reported.firmwareVersion().ifPresent(f -> r.put("firmwareVersion", f));
      if (s.model().isEmpty()) {
        out.put("model", reported.model());
      }
    }
    return out;
  }

  private static void registration(ObjectNode out, Station s) {
    out.put("securityProfile", s.profile().number())
        .put("enabled", s.enabled())
        .put("operator", s.operator().orElse(null))
        .put("model", s.model().orElse(null))
        .put("registeredBy", s.registeredBy())
        .put("registeredAt", s.registeredAt().toString())
        .put("passwordChangePending", s.pendingPasswordHash().isPresent());
    s.targetProfile().ifPresent(t -> out.put("targetSecurityProfile", t.number()));
    s.certificate().ifPresent(b -> out.set("clientCertificate", binding(b)));
    ArrayNode secc = out.putArray("seccIds");
    s.seccIds().forEach(secc::add);
  }

  static ObjectNode binding(CertificateBinding b) {
    return switch (b) {
      case CertificateBinding.CommonName cn ->
          JSON.createObjectNode().put("commonName", cn.value());
      case CertificateBinding.Fingerprint f -> JSON.createObjectNode().put("sha256", f.sha256());
    };
  }
}
