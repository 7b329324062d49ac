package dev.pncpki.bridge.proxy;

import dev.pncpki.bridge.ocpp.Frame;
import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.pnc.PncDataTransfer;
import java.util.Set;

/**
 * What a bridge in proxy mode answers itself: the certificate messages of Plug & Charge. Everything
 * else a station sends (BootNotification, Heartbeat, StatusNotification, Authorize,
 * SecurityEventNotification, DataTransfer of other vendors, ...) goes to the CSMS unchanged.
 */
public final class CertificateMessages {
  /**
   * SignCertificate (2.0.1 A02/A03; 1.6 security extension), Get15118EVCertificate (2.0.1 M01/M02),
   * GetCertificateStatus (2.0.1 M06), GetCertificateChainStatus (2.1 M07).
   */
  public static final Set<String> ACTIONS =
      Set.of(
          "SignCertificate",
          "Get15118EVCertificate",
          "GetCertificateStatus",
          "GetCertificateChainStatus");

  private CertificateMessages() {}

  /**
   * Whether the bridge answers a station's CALL. A 1.6 station's DataTransfer counts by what it
   * wraps (OCA application note "Using ISO 15118 Plug & Charge with OCPP 1.6"): vendorId {@value
   * PncDataTransfer#VENDOR_ID} and one of the actions above as messageId. A wrapped Authorize goes
   * to the CSMS, as a 2.0.1 Authorize does: authorization is the CSMS's.
   */
  public static boolean answeredByBridge(OcppVersion version, Frame.Call call) {
    if (call.action().equals("DataTransfer")) {
      return version == OcppVersion.OCPP16
          && PncDataTransfer.VENDOR_ID.equals(call.payload().path("vendorId").asText())
          && ACTIONS.contains(call.payload().path("messageId").asText());
    }
    return ACTIONS.contains(call.action());
  }
}
