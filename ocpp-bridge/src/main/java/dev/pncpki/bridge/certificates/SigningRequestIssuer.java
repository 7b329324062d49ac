package dev.pncpki.bridge.certificates;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.outbox.Delivery;
import dev.pncpki.bridge.outbox.Dispatcher;
import dev.pncpki.bridge.station.SecurityLog;
import dev.pncpki.bridge.store.SigningRequests;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues the recorded CSRs at the CA and hands each certificate to the outbox as the request's one
 * CertificateSigned delivery. A request admitted by this instance is issued at once; a sweep claims
 * the others that are due (backed off, or left by an instance that died: its lease lapsed). Every
 * attempt for a request sends the request's own idempotency key, so a crash between the CA's answer
 * and the stored certificate costs a second call, never a second certificate. The CA's errors go to
 * the log and the security events, not to the station (OCPP 2.0.1 A02: the station sends its CSR
 * again when no certificate comes, A02.FR.17).
 */
public final class SigningRequestIssuer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SigningRequestIssuer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SigningRequests requests;
  private final Issuer ca;
  private final SecurityLog events;
  private final Dispatcher.Listener recorder;
  private final SigningSettings settings;
  private final int batch;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("signing-requests").unstarted(r));

  /**
   * @param recorder records a certificate the station answered (what the outbox's listener does),
   *     for answers whose recording an instance's stop cut short
   * @param batch how many requests this instance works on at once (beyond them, the CA's queue in
   *     {@link CaClient} would outlast their leases)
   */
  public SigningRequestIssuer(
      SigningRequests requests,
      Issuer ca,
      SecurityLog events,
      Dispatcher.Listener recorder,
      SigningSettings settings,
      int batch) {
    this.requests = requests;
    this.ca = ca;
    this.events = events;
    this.recorder = recorder;
    this.settings = settings;
    this.batch = batch;
  }

  /** Takes back this instance's requests of an earlier life, then sweeps every {@code sweep}. */
  public void start(Duration sweep) {
    requests.releaseOwn();
    ScheduledFuture<?> unused =
        timer.scheduleWithFixedDelay(this::safeSweep, 0, sweep.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** A request this instance admitted (and holds the lease of): issued now. */
  public void issueNow(SigningRequests.Pending request) {
    submit(request);
  }

  private void safeSweep() {
    try {
      sweep();
    } catch (RuntimeException e) { // thrown here, it would end the timer for good
      LOG.warn("signing requests: sweep failed: {}", e.toString());
    }
  }

  /** Claims what is due, as far as this instance has room; records unrecorded answers. */
  void sweep() {
    int room = batch - inFlight.get();
    if (room > 0) {
      requests.claimDue(room).forEach(this::submit);
    }
    for (Delivery d : requests.unrecorded(100)) {
      d.answer().ifPresent(answer -> recorder.answered(d, answer));
    }
  }

  private void submit(SigningRequests.Pending request) {
    inFlight.incrementAndGet();
    try {
      workers.execute(
          () -> {
            try {
              attempt(request);
            } catch (RuntimeException e) { // the database: the lease lapses, and it is tried again
              LOG.warn("signing request {}: attempt failed: {}", request.id(), e.toString());
            } finally {
              inFlight.decrementAndGet();
            }
          });
    } catch (RejectedExecutionException stopping) {
      inFlight.decrementAndGet(); // its lease lapses; this instance, started again, takes it back
    }
  }

  /** One attempt at the CA, and what its answer makes of the request. */
  void attempt(SigningRequests.Pending request) {
    CaClient.Issued issued;
    try {
      issued =
          ca.issue(
              request.profile().label(),
              request.csr(),
              request.identity(),
              request.root(),
              request.idempotencyKey());
    } catch (CaClient.CaException e) {
      if (e.transientFailure() && request.attempts() < settings.caAttempts()) {
        Duration wait = settings.backoff(request.attempts());
        LOG.warn(
            "signing request {} of {}: attempt {} failed, again in {} s: {}",
            request.id(),
            request.stationId(),
            request.attempts(),
            wait.toSeconds(),
            e.getMessage());
        requests.retryLater(request.id(), e.getMessage(), wait);
        return;
      }
      fail(request, e.getMessage());
      return;
    }
    Optional<Delivery> d =
        requests.issued(
            request.id(), issued.serial(), issued.root(), certificateSigned(request, issued));
    if (d.isPresent()) {
      LOG.info(
          "station {}: {} serial {} issued for signing request {}, delivery {}",
          request.stationId(),
          request.certificateType(),
          issued.serial(),
          request.id(),
          d.get().id());
    }
  }

  private void fail(SigningRequests.Pending request, String error) {
    String reason = "attempt " + request.attempts() + ": " + error;
    if (requests.failed(request.id(), reason, unsigned(request))) {
      // OCPP: CA errors go to an operator, not to the station (A02 remark)
      LOG.error(
          "station {}: signing request {} ({}) failed: {}",
          request.stationId(),
          request.id(),
          request.certificateType(),
          reason);
      events.bridge(
          request.stationId(), "IssuanceFailed", request.certificateType() + ": " + reason);
    }
  }

  /** The CertificateSigned CALL of the issued certificate: leaf, then its CA chain. */
  static Delivery.Request certificateSigned(
      SigningRequests.Pending request, CaClient.Issued issued) {
    ObjectNode payload = typed(request);
    payload.put("certificateChain", issued.certificatePem() + issued.chainPem());
    return Delivery.Request.of(
            request.stationId(), request.route(), "CertificateSigned", payload, origin(request))
        .once("signing request " + request.id());
  }

  /** The same delivery for a request the CA never issued: its type, and no certificate. */
  static Delivery.Request unsigned(SigningRequests.Pending request) {
    return Delivery.Request.of(
        request.stationId(), request.route(), "CertificateSigned", typed(request), origin(request));
  }

  /** The certificate type (2.0.1 and later) and, on 2.1, the station's requestId. */
  private static ObjectNode typed(SigningRequests.Pending request) {
    ObjectNode payload = JSON.createObjectNode();
    if (request.route().payload().since201()) {
      payload.put("certificateType", request.certificateType());
    }
    if (request.route().payload() == OcppVersion.OCPP21) {
      request.requestId().ifPresent(id -> payload.put("requestId", id));
    }
    return payload;
  }

  private static String origin(SigningRequests.Pending request) {
    return "SignCertificate "
        + request.certificateType()
        + " (signing request "
        + request.id()
        + ")";
  }

  @Override
  public void close() {
    timer.shutdownNow();
    workers.shutdownNow();
  }
}
