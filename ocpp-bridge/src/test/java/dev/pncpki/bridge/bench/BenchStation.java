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
 * A simulated OCPP 2.0.1 charging station for the renewal benchmark: answers TriggerMessage
 * Accepted and sends SignCertificate with a freshly signed CSR for its key, answers
 * CertificateSigned Accepted and reports the renewal done. Public: Jetty calls it reflectively.
 */
public final class BenchStation implements Session.Listener.AutoDemanding {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String id;
  private final KeyPair key;
  private final BiConsumer<String, String> done; // (station id, null or an error)
  private volatile Session session;

  BenchStation(String id, KeyPair key, BiConsumer<String, String> done) {
    this.id = id;
    this.key = key;
    this.done = done;
  }

  @Override
  public void onWebSocketOpen(Session session) {
    this.session = session;
  }

  @Override
  public void onWebSocketText(String text) {
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
        ArrayNode call = JSON.createArrayNode().add(2).add(UUID.randomUUID().toString());
        call.add("SignCertificate")
            .addObject()
            .put("csr", csr())
            .put("certificateType", "ChargingStationCertificate");
        send(call);
      }
      case "CertificateSigned" -> {
        send(result(messageId));
        done.accept(id, null);
      }
      default -> done.accept(id, "unexpected " + text);
    }
  }

  private static ArrayNode result(String messageId) {
    ArrayNode out = JSON.createArrayNode().add(3).add(messageId);
    out.addObject().put("status", "Accepted");
    return out;
  }

  private void send(JsonNode frame) {
    session.sendText(frame.toString(), Callback.NOOP);
  }

  /** A new CSR each time (ECDSA signatures are randomised), so each renewal is a new issuance. */
  private String csr() {
    try {
      var request =
          new JcaPKCS10CertificationRequestBuilder(
                  new X500Name("CN=" + id + ",O=Demo CPO"), key.getPublic())
              .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));
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
