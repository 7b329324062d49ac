package dev.pncpki.bridge.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pncpki.bridge.admin.AdminAuthentication;
import dev.pncpki.bridge.proxy.UpstreamCsms;
import io.dropwizard.core.Configuration;
import java.util.List;

/**
 * The bridge's configuration: where the CA is and the bridge's own credential for it, its own
 * database, the CPO it serves (the O of every station certificate), the OCPP schema directory, the
 * stations that may connect, and in proxy mode the CSMS behind the bridge.
 */
public final class BridgeConfiguration extends Configuration {
  /**
   * Where the bridge reaches the CA ({@code url}) and its API token (role bridge, bound to the
   * CPO); {@code publicUrl} is the CA's public URL, under which its certificates name their OCSP
   * responders (default: {@code url}, as for the CA itself): the only responders the bridge asks on
   * a station's behalf. {@code concurrency} bounds the requests this bridge has at the CA at once
   * (default 16; the rest wait in the bridge).
   */
  public record Ca(String url, String token, String publicUrl, Integer concurrency) {
    /** The prefix of every responder URL in the CA's certificates. */
    public String ocspPrefix() {
      return (publicUrl == null || publicUrl.isBlank() ? url : publicUrl) + "/ocsp/";
    }

    public int requests() {
      if (concurrency != null && concurrency < 1) {
        throw new IllegalArgumentException("ca.concurrency must be at least 1");
      }
      return concurrency == null ? 16 : concurrency;
    }
  }

  /**
   * The bridge's own PostgreSQL (never the CA's): {@code url}, {@code user}, {@code password}, or
   * {@code embeddedDirectory} for an in-process one (the embedded default).
   */
  public record Database(
      String url, String user, String password, String embeddedDirectory, Integer poolSize) {
    public int pool() {
      return poolSize == null ? 16 : poolSize;
    }
  }

  /** Delivery retries: attempts per delivery, and the backoff between them (doubling). */
  public record OutboxSettings(int maxAttempts, int firstRetrySeconds, int maxRetrySeconds) {
    public static OutboxSettings defaults() {
      return new OutboxSettings(8, 10, 600);
    }
  }

  @JsonProperty private Ca ca;
  @JsonProperty private Database database;
  @JsonProperty private OutboxSettings outbox = OutboxSettings.defaults();
  @JsonProperty private String instanceId;

  @JsonProperty
  private dev.pncpki.bridge.renewal.RenewalScheduler.Settings renewal =
      dev.pncpki.bridge.renewal.RenewalScheduler.Settings.defaults();

  @JsonProperty
  private dev.pncpki.bridge.certificates.SigningSettings signing =
      dev.pncpki.bridge.certificates.SigningSettings.defaults();

  @JsonProperty
  private dev.pncpki.bridge.truststore.TrustStoreSettings trustStore =
      dev.pncpki.bridge.truststore.TrustStoreSettings.defaults();

  @JsonProperty private String organization;
  @JsonProperty private String schemaDirectory;
  @JsonProperty private List<StationSeed> stations = List.of();
  @JsonProperty private int idleTimeoutSeconds = 180;
  @JsonProperty private int pingIntervalSeconds = 60;
  @JsonProperty private int campaignPassMillis = 1000;
  @JsonProperty private int maxRequestBytes = 4 * 1024 * 1024;

  @JsonProperty
  private dev.pncpki.bridge.login.ThrottleSettings loginThrottle =
      dev.pncpki.bridge.login.ThrottleSettings.defaults();

  @JsonProperty
  private dev.pncpki.bridge.alerts.AlertSettings alerts =
      dev.pncpki.bridge.alerts.AlertSettings.defaults();

  @JsonProperty private String adminTokenSha256;
  @JsonProperty private List<AdminAuthentication.Token> adminTokens = List.of();
  @JsonProperty private UpstreamCsms upstream;
  @JsonProperty private String secretKeyFile;
  @JsonProperty private String stationTlsUrl;
  @JsonProperty private String logUploadUrl;

  public Ca ca() {
    return ca;
  }

  public String organization() {
    return organization;
  }

  public String schemaDirectory() {
    return schemaDirectory;
  }

  /** The seed of the station registry (stored once per id; managed through the admin API). */
  public List<StationSeed> stations() {
    return stations;
  }

  /**
   * The admin API's tokens: {@code adminTokens} (a name, the actor of the audit trail, and the
   * token's SHA-256), and {@code adminTokenSha256}, a token named "admin". None: no admin API.
   */
  public List<AdminAuthentication.Token> adminTokens() {
    List<AdminAuthentication.Token> all = new java.util.ArrayList<>(adminTokens);
    if (adminTokenSha256 != null && !adminTokenSha256.isBlank()) {
      all.add(new AdminAuthentication.Token("admin", adminTokenSha256));
    }
    return List.copyOf(all);
  }

  /** The settings without which the bridge cannot run. */
  void check() {
    if (ca == null || organization == null || schemaDirectory == null || database == null) {
      throw new ConfigurationError("ca, database, organization and schemaDirectory are required");
    }
  }

  /**
   * The key that seals the secrets deliveries carry while they wait (a station's new password);
   * every instance sharing the database needs the same file. Made on first use if missing. Unset:
   * passwords cannot be rotated through the bridge.
   */
  public java.util.Optional<String> secretKeyFile() {
    return java.util.Optional.ofNullable(secretKeyFile).filter(s -> !s.isBlank());
  }

  /**
   * Where stations connect with TLS (security profiles 2 and 3), without their id, e.g. {@code
   * wss://csms.example:8443/ocpp}: what an upgrade sends an OCPP 2.0.1 station in
   * SetNetworkProfile.
   */
  public java.util.Optional<String> stationTlsUrl() {
    return java.util.Optional.ofNullable(stationTlsUrl).filter(s -> !s.isBlank());
  }

  /**
   * Where stations upload the logs admins ask for, when the bridge receives them: the URL of its
   * {@code /log-uploads} as stations reach it. Unset: the address the bridge serves (its plain-HTTP
   * connector, else its HTTPS one).
   */
  public java.util.Optional<String> logUploadUrl() {
    return java.util.Optional.ofNullable(logUploadUrl).filter(s -> !s.isBlank());
  }

  /** Proxy mode: the CSMS the bridge forwards to; {@code null} when the bridge runs alone. */
  public UpstreamCsms upstream() {
    return upstream;
  }

  public Database database() {
    return database;
  }

  /** Automatic renewal of station certificates (window, interval, retries, grace). */
  public dev.pncpki.bridge.renewal.RenewalScheduler.Settings renewal() {
    return renewal;
  }

  /** Whether and how stations' trust stores are kept in line with the CA's trust list. */
  public dev.pncpki.bridge.truststore.TrustStoreSettings trustStore() {
    return trustStore;
  }

  /** Stations' CSRs: the issuance rate per station and type, and the CA's retries. */
  public dev.pncpki.bridge.certificates.SigningSettings signing() {
    return signing;
  }

  public OutboxSettings outbox() {
    return outbox;
  }

  /**
   * This instance's name among those sharing the database (default: host name and a random part).
   */
  public String instanceId() {
    return instanceId;
  }

  /** Seconds between the bridge's WebSocket pings to each station (0: none). */
  public int pingIntervalSeconds() {
    return pingIntervalSeconds;
  }

  /** A connection the bridge heard nothing from (no frame, no pong) for this long is closed. */
  public int idleTimeoutSeconds() {
    return idleTimeoutSeconds;
  }

  /** Milliseconds between campaign runner passes (default 1000). */
  public int campaignPassMillis() {
    return campaignPassMillis;
  }

  /** Alert thresholds, check interval and the optional signed webhook. */
  public dev.pncpki.bridge.alerts.AlertSettings alerts() {
    return alerts;
  }

  /** Back-off after failed station logins, the logins checked per second, event windows. */
  public dev.pncpki.bridge.login.ThrottleSettings loginThrottle() {
    return loginThrottle;
  }

  /** The largest request body the bridge's HTTP API reads (default 4 MiB); larger ones get 413. */
  public int maxRequestBytes() {
    return maxRequestBytes;
  }
}
