package dev.pncpki.bridge.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pncpki.bridge.ocpp.Frame;
import dev.pncpki.bridge.ocpp.OcppVersion;
import org.junit.jupiter.api.Test;

class CertificateMessagesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Frame.Call call(String action, String payload) throws Exception {
    return new Frame.Call("1", action, JSON.readTree(payload));
  }

  private static Frame.Call dataTransfer(String vendorId, String messageId) throws Exception {
    return call(
        "DataTransfer",
        JSON.createObjectNode()
            .put("vendorId", vendorId)
            .put("messageId", messageId)
            .put("data", "{}")
            .toString());
  }

  @Test
  void theCertificateMessagesStayWithTheBridge() throws Exception {
    for (var version : OcppVersion.values()) {
      assertThat(CertificateMessages.answeredByBridge(version, call("SignCertificate", "{}")))
          .isTrue();
      assertThat(CertificateMessages.answeredByBridge(version, call("GetCertificateStatus", "{}")))
          .isTrue();
      assertThat(CertificateMessages.answeredByBridge(version, call("Get15118EVCertificate", "{}")))
          .isTrue();
    }
  }

  @Test
  void everythingElseGoesToTheCsms() throws Exception {
    for (var action :
        new String[] {
          "BootNotification",
          "Heartbeat",
          "StatusNotification",
          "Authorize",
          "SecurityEventNotification",
          "CertificateSigned",
          "NoSuchAction"
        }) {
      assertThat(CertificateMessages.answeredByBridge(OcppVersion.OCPP201, call(action, "{}")))
          .as(action)
          .isFalse();
    }
  }

  @Test
  void aDataTransferCountsByItsVendorAndWhatItWraps() throws Exception {
    String pnc = "org.openchargealliance.iso15118pnc";
    var v16 = OcppVersion.OCPP16;
    assertThat(CertificateMessages.answeredByBridge(v16, dataTransfer(pnc, "SignCertificate")))
        .isTrue();
    assertThat(
            CertificateMessages.answeredByBridge(v16, dataTransfer(pnc, "Get15118EVCertificate")))
        .isTrue();
    assertThat(CertificateMessages.answeredByBridge(v16, dataTransfer(pnc, "Authorize"))).isFalse();
    assertThat(CertificateMessages.answeredByBridge(v16, dataTransfer("com.example", "X")))
        .isFalse();
    assertThat(CertificateMessages.answeredByBridge(v16, call("DataTransfer", "{}"))).isFalse();
    // 2.0.1 has the messages themselves; its DataTransfers are all the CSMS's
    assertThat(
            CertificateMessages.answeredByBridge(
                OcppVersion.OCPP201, dataTransfer(pnc, "SignCertificate")))
        .isFalse();
  }
}
