package dev.pncpki.bridge.app;

import com.codahale.metrics.health.HealthCheck;
import dev.pncpki.bridge.tls.OutgoingTls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The CA answers its API: without it no station gets a certificate. */
final class CaHealthCheck extends HealthCheck {
  private final URI cas;
  private final HttpClient http = OutgoingTls.client(Duration.ofSeconds(3));

  CaHealthCheck(String caUrl) {
    this.cas = URI.create(caUrl).resolve("/v1/cas");
  }

  @Override
  protected Result check() throws Exception {
    var response =
        http.send(
            HttpRequest.newBuilder(cas).timeout(Duration.ofSeconds(3)).build(),
            HttpResponse.BodyHandlers.discarding());
    return response.statusCode() == 200
        ? Result.healthy()
        : Result.unhealthy("the CA answered " + response.statusCode());
  }
}
