package dev.pncpki.bridge.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pncpki.bridge.station.Channel;
import dev.pncpki.bridge.station.Handler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.cert.X509CertificateHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GetCertificateChainStatus (OCPP 2.1 M07): the revocation status of up to four certificates of a
 * vehicle's chain, each from the OCSP responders or CRLs the station names, answered Good, Revoked,
 * Unknown or Failed with the time the answer holds until ({@code nextUpdate}).
 *
 * <p>The same rules as for Authorize: a URL is asked only if it is the CA's own OCSP responder or
 * was named by a certificate whose chain validated to a trusted root (an Authorize or
 * GetCertificateStatus of that chain before); anything else gets no request and, when no URL of the
 * entry may be asked, the answer Failed. Another operator's answer is believed only when signed for
 * the validated issuer the hash data names, and kept until its nextUpdate (at most a day). Failed
 * holds until now: the station may ask again at any time.
 */
final class ChainStatusHandler implements Handler {
  private static final Logger LOG = LoggerFactory.getLogger(ChainStatusHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration MAX_KEPT = Duration.ofDays(1);
  private static final int MAX_CACHED = 10_000;

  /** A status for the station, and until when it holds. */
  record Answer(String status, Instant nextUpdate) {}

  private final OcspClient ocsp;
  private final CrlClient crls;
  private final ValidatedIssuers issuers;
  private final Clock clock;
  private final Map<String, Answer> kept =
      java.util.Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Answer> eldest) {
              return size() > MAX_CACHED;
            }
          });

  ChainStatusHandler(OcspClient ocsp, CrlClient crls, ValidatedIssuers issuers, Clock clock) {
    this.ocsp = ocsp;
    this.crls = crls;
    this.issuers = issuers;
    this.clock = clock;
  }

  @Override
  public Reply handle(Channel station, JsonNode payload) {
    ObjectNode out = JSON.createObjectNode();
    ArrayNode statuses = out.putArray("certificateStatus");
    for (JsonNode request : payload.path("certificateStatusRequests")) {
      String source = request.path("source").asText();
      Answer answer = answer(station.stationId(), request, source);
      ObjectNode status = statuses.addObject();
      status.set("certificateHashData", request.path("certificateHashData").deepCopy());
      status
          .put("source", source)
          .put("status", answer.status())
          .put("nextUpdate", answer.nextUpdate().truncatedTo(ChronoUnit.SECONDS).toString());
    }
    return Reply.of(out);
  }

  private Answer answer(String stationId, JsonNode request, String source) {
    Instant now = clock.instant();
    CertID asked;
    try {
      asked = OcspRequestData.certId(request.path("certificateHashData"));
    } catch (IllegalArgumentException e) {
      LOG.info("station {}: chain status: {}", stationId, e.getMessage());
      return new Answer("Failed", now);
    }
    String key = source + " " + OcspRequestData.key(asked);
    Answer known = kept.get(key);
    if (known != null && now.isBefore(known.nextUpdate())) {
      return known;
    }
    Optional<X509CertificateHolder> issuer = issuers.issuerOf(asked);
    for (JsonNode url : request.path("urls")) {
      Optional<Answer> answer =
          source.equals("CRL")
              ? fromCrl(stationId, url.asText(), asked, issuer)
              : fromOcsp(stationId, url.asText(), asked, issuer);
      if (answer.isPresent()) {
        if (answer.get().nextUpdate().isAfter(now)) {
          Instant cap = now.plus(MAX_KEPT);
          kept.put(
              key,
              answer.get().nextUpdate().isAfter(cap)
                  ? new Answer(answer.get().status(), cap)
                  : answer.get());
        }
        return answer.get();
      }
    }
    return new Answer("Failed", now);
  }

  private Optional<Answer> fromOcsp(
      String stationId, String url, CertID asked, Optional<X509CertificateHolder> issuer) {
    boolean own = ocsp.isOwn(url);
    if (!own && issuer.isEmpty()) {
      LOG.info(
          "station {}: chain status: no validated chain names the issuer asked about; {} not asked",
          stationId,
          StatusHandlers.printable(url));
      return Optional.empty();
    }
    byte[] der;
    try {
      der = ocsp.ask(url, OcspRequestData.request(asked));
    } catch (OcspClient.OcspException | IllegalArgumentException e) {
      LOG.info("station {}: chain status: {}", stationId, e.getMessage());
      return Optional.empty();
    }
    Instant now = clock.instant();
    return switch (OcspVerification.of(der, asked, now, own ? Optional.empty() : issuer)) {
      case OcspVerification.Verified v when OcspVerification.stale(v, now) -> Optional.empty();
      case OcspVerification.Verified v ->
          Optional.of(
              new Answer(
                  v.status() == OcspLog.Status.GOOD ? "Good" : "Revoked",
                  v.nextUpdate().orElse(now)));
      case OcspVerification.NotKnown n -> Optional.of(new Answer("Unknown", now));
      case OcspVerification.Unverified u -> {
        LOG.info("station {}: chain status answer not verified: {}", stationId, u.reason());
        yield Optional.empty();
      }
    };
  }

  private Optional<Answer> fromCrl(
      String stationId, String url, CertID asked, Optional<X509CertificateHolder> issuer) {
    if (issuer.isEmpty()) {
      LOG.info(
          "station {}: chain status: no validated chain names the issuer asked about; {} not"
              + " fetched",
          stationId,
          StatusHandlers.printable(url));
      return Optional.empty();
    }
    try {
      CrlClient.Answer a = crls.statusAt(url, asked.getSerialNumber().getValue(), issuer.get());
      return Optional.of(new Answer(a.revoked() ? "Revoked" : "Good", a.until()));
    } catch (CrlClient.CrlException e) {
      LOG.info("station {}: chain status: {}", stationId, e.getMessage());
      return Optional.empty();
    }
  }
}
