package dev.pncpki.ca.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceClientTest {

  /** What java.net.http throws: messages are often null all the way down. */
  private static ConnectException jdk(Throwable cause) {
    var inner = new ConnectException();
    inner.initCause(cause);
    var outer = new ConnectException();
    outer.initCause(inner);
    return outer;
  }

  @Test
  void namesWhyTheServiceCannotBeReached() {
    assertThat(ServiceClient.reason(jdk(new ClosedChannelException())))
        .isEqualTo("Connection refused");
    assertThat(ServiceClient.reason(jdk(new UnresolvedAddressException())))
        .isEqualTo("unknown host");
    assertThat(ServiceClient.reason(new IOException("PKIX path building failed")))
        .isEqualTo("PKIX path building failed");
  }

  @Test
  void encodesPathSegmentsAndQueryValues() {
    assertThat(ServiceClient.encode("0a/../x y")).isEqualTo("0a%2F..%2Fx%20y");
    assertThat(ServiceClient.encode("2027-01-01T00:00:00Z")).isEqualTo("2027-01-01T00%3A00%3A00Z");
  }

  @Test
  void aQueryHasTheParametersThatAreSetInOrder() {
    Map<String, Object> query = new LinkedHashMap<>();
    query.put("actor", "CN=admin, O=Demo");
    query.put("action", null);
    query.put("limit", 5);
    assertThat(ServiceClient.withQuery("/v1/audit/events", query))
        .isEqualTo("/v1/audit/events?actor=CN%3Dadmin%2C%20O%3DDemo&limit=5");
    assertThat(ServiceClient.withQuery("/v1/contracts", Map.of())).isEqualTo("/v1/contracts");
  }
}
