package dev.pncpki.bridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * A simulated OCPP 2.0.1 or 2.1 charging station for the renewal benchmark: answers TriggerMessage
 * Accepted and sends SignCertificate with a freshly signed CSR for its key (on 2.1 with a requestId
 * of its own), answers CertificateSigned Accepted (on 2.1 only when it carries that requestId) and
 * reports the renewal done. Counts its messages' bytes ({@link WireBytes}). Public: Jetty calls it
 * reflectively.
 */
public final class BenchStation implements Session.Listener.AutoDemanding {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Bouncy Castle signs P-256 several times faster than the JDK: the simulation costs less. */
  private static final java.security.Provider BC =
      new org.bouncycastle.jce.provider.BouncyCastleProvider();

  private final String id;
  private final boolean ocpp21;
  final WireBytes bytes = new WireBytes();
  private final KeyPair key;
  private final BiConsumer<String, String> done; // (station id, null or an error)
  private volatile Session session;
  private final java.util.concurrent.atomic.AtomicInteger round =
      new java.util.concurrent.atomic.AtomicInteger(); // renewals asked for
  private volatile int signed; // renewals that got their certificate

  private static final java.time.Duration CSR_RETRY = java.time.Duration.ofSeconds(30);
  private static final java.util.concurrent.ScheduledExecutorService RETRIES =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("csr-retry").unstarted(r));

  /**
   * CSRs of the first renewals, signed while the stations connect: the stations share the two cores
   * with the system they measure, and signing is their largest cost.
   */
  private static final int PRESIGNED = 2;

  private final String[] presigned = new String[PRESIGNED];

  BenchStation(String id, KeyPair key, BiConsumer<String, String> done) {
    this(id, "ocpp2.0.1", key, done);
  }

  BenchStation(String id, String version, KeyPair key, BiConsumer<String, String> done) {
    this.id = id;
    this.ocpp21 = version.equals("ocpp2.1");
    this.key = key;
    this.done = done;
    for (int i = 0; i < PRESIGNED; i++) {
      presigned[i] = csr();
    }
  }

  /** Renewals that got their certificate. */
  int renewals() {
    return signed;
  }

  @Override
  public void onWebSocketOpen(Session session) {
    this.session = session;
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    BenchMain.stationError(cause);
  }

  @Override
  public void onWebSocketText(String text) {
    bytes.received(text);
    JsonNode frame;
    try {
      frame = JSON.readTree(text);
    } catch (IOException e) {
      done.accept(id, "unreadable frame " + text);
      return;
    }
    int type = frame.path(0).asInt();
    if (type == 4) {
      done.accept(id, "CALLERROR " + text);
      return;
    }
    if (type == 3) {
      if (!"Accepted".equals(frame.path(2).path("status").asText())) {
        done.accept(id, "SignCertificate answered " + text);
      }
      return;
    }
    String messageId = frame.path(1).asText();
    switch (frame.path(2).asText()) {
      case "TriggerMessage" -> {
        send(result(messageId));
        signCertificate(round.incrementAndGet(), 1);
      }
      case "CertificateSigned" -> {
        send(result(messageId));
        if (ocpp21 && frame.path(3).path("requestId").asInt(-1) != round.get()) {
          done.accept(id, "CertificateSigned without this round's requestId: " + text);
          return;
        }
        signed = round.get();
        done.accept(id, null);
      }
      default -> done.accept(id, "unexpected " + text);
    }
  }

  /**
   * Sends a CSR, and again if no certificate came within {@link #CSR_RETRY} (as OCPP 2.0.1
   * A02.FR.17 has stations do), at most three times.
   */
  private void signCertificate(int forRound, int attempt) {
    ArrayNode call = JSON.createArrayNode().add(2).add(UUID.randomUUID().toString());
    var payload =
        call.add("SignCertificate")
            .addObject()
            .put("csr", attempt == 1 && forRound <= PRESIGNED ? presigned[forRound - 1] : csr())
            .put("certificateType", "ChargingStationCertificate");
    if (ocpp21) {
      payload.put("requestId", forRound); // the same for a retry of the same round
    }
    send(call);
    if (attempt < 3) {
      RETRIES.schedule(
          () -> {
            if (signed < forRound && round.get() == forRound) {
              signCertificate(forRound, attempt + 1);
            }
          },
          CSR_RETRY.toMillis(),
          java.util.concurrent.TimeUnit.MILLISECONDS);
    }
  }

  private static ArrayNode result(String messageId) {
    ArrayNode out = JSON.createArrayNode().add(3).add(messageId);
    out.addObject().put("status", "Accepted");
    return out;
  }

  private void send(JsonNode frame) {
    String text = frame.toString();
    bytes.sent(text);
    session.sendText(text, Callback.NOOP);
  }

  /** A new CSR each time (ECDSA signatures are randomised), so each renewal is a new issuance. */
  private String csr() {
    try {
      var request =
          new JcaPKCS10CertificationRequestBuilder(
                  new X500Name("CN=" + id + ",O=Demo CPO"), key.getPublic())
              .build(
                  new JcaContentSignerBuilder("SHA256withECDSA")
                      .setProvider(BC)
                      .build(key.getPrivate()));
      var out = new StringWriter();
      try (var pem = new JcaPEMWriter(out)) {
        pem.writeObject(request);
      }
      return out.toString();
    } catch (OperatorCreationException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
