package dev.pncpki.bridge.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pncpki.bridge.campaign.Campaign;
import dev.pncpki.bridge.certificates.TrustAnchors;
import dev.pncpki.bridge.ocpp.MessageSchemas;
import dev.pncpki.bridge.ocpp.OcppException;
import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.outbox.RootCalls;
import java.time.Instant;
import java.util.Set;

/**
 * The checks a campaign passes before anything is stored: what it would send each station (a
 * certificate type it may rotate, a root that is one valid self-signed CA certificate, hash data
 * and CALLs that keep their OCA schemas), and who asked (a name that cannot forge log lines).
 */
final class CampaignOrders {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> ROTATED =
      Set.of("ChargingStationCertificate", "V2GCertificate", "V2G20Certificate");
  private final MessageSchemas schemas;

  CampaignOrders(MessageSchemas schemas) {
    this.schemas = schemas;
  }

  /** What the campaign sends, checked now so that no station gets a CALL that breaks its schema. */
  ObjectNode parameters(Campaign.Kind kind, CampaignResource.Start body) {
    ObjectNode p = JSON.createObjectNode();
    switch (kind) {
      case ROTATE -> {
        String type = Fields.required(body.certificateType(), "certificateType");
        if (!ROTATED.contains(type)) {
          throw Problem.UNSUPPORTED_TYPE.because(
              "a rotation renews ChargingStationCertificate, V2GCertificate or (OCPP 2.1)"
                  + " V2G20Certificate, not "
                  + type);
        }
        p.put("certificateType", type);
      }
      case INSTALL_ROOT -> {
        p.put("certificateType", Fields.required(body.certificateType(), "certificateType"));
        p.put("certificate", Fields.required(body.certificate(), "certificate"));
        check(
            RootCalls.install(
                    "check",
                    OcppVersion.OCPP201,
                    p.path("certificateType").asText(),
                    p.path("certificate").asText(),
                    "check")
                .payload(),
            "InstallCertificate");
        checkRoot(p.path("certificate").asText());
      }
      case DELETE_ROOT -> {
        if (body.certificateHashData() == null || !body.certificateHashData().isObject()) {
          throw Problem.MALFORMED_REQUEST.because("certificateHashData is required (an object)");
        }
        p.set("certificateHashData", body.certificateHashData());
        if (body.via() != null) {
          if (!body.via().equals("iso15118pnc")) {
            throw Problem.MALFORMED_REQUEST.because(
                "via is iso15118pnc (OCPP 1.6 Plug & Charge) or absent");
          }
          p.put("via", body.via());
        }
        check(
            RootCalls.delete(
                    "check", OcppVersion.OCPP201, body.certificateHashData(), false, "check")
                .payload(),
            "DeleteCertificate");
      }
    }
    return p;
  }

  /** Who asked, for the audit log: a short plain name (no line breaks to forge log lines). */
  static String name(String given, String field) {
    if (given == null) {
      return "admin";
    }
    if (!given.matches("[A-Za-z0-9._@-]{1,64}")) {
      throw Problem.MALFORMED_REQUEST.because(field + " is 1 to 64 letters, digits and . _ @ -");
    }
    return given;
  }

  /** A trust anchor to install on every selected station: {@link TrustAnchors}. */
  static void checkRoot(String pem) {
    TrustAnchors.problem(pem, Instant.now())
        .ifPresent(
            p -> {
              throw Problem.INVALID_ROOT.because(p);
            });
  }

  private void check(JsonNode payload, String action) {
    try {
      // the widest schema (2.1's: OEMRootCertificate, longer certificates); each station's CALL
      // is checked against its own version's before it is sent
      schemas.checkRequest(OcppVersion.OCPP21, action, payload);
    } catch (OcppException e) {
      throw Problem.INVALID_OCPP_PAYLOAD.because(
          action + " would break its schema: " + e.getMessage());
    }
  }
}
