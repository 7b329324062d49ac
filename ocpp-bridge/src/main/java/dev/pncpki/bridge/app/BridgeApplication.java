package dev.pncpki.bridge.app;

import dev.pncpki.bridge.certificates.CaClient;
import dev.pncpki.bridge.certificates.SignCertificateHandler;
import dev.pncpki.bridge.ocpp.MessageSchemas;
import dev.pncpki.bridge.pnc.PncDataTransfer;
import dev.pncpki.bridge.proxy.CsmsClient;
import dev.pncpki.bridge.standalone.StandaloneHandlers;
import dev.pncpki.bridge.station.ConnectedStations;
import dev.pncpki.bridge.station.Handler;
import dev.pncpki.bridge.station.StationDirectory;
import dev.pncpki.bridge.station.StationSession;
import dev.pncpki.bridge.status.OcspClient;
import dev.pncpki.bridge.status.StatusHandlers;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jetty.ee10.websocket.server.config.JettyWebSocketServletContainerInitializer;

/**
 * The OCPP bridge: chargers connect at {@code /ocpp/{chargingStationId}} (OCPP 1.6J or 2.0.1);
 * certificate messages are answered here, with the CA reached over its REST API only. With {@code
 * upstream} configured (proxy mode) everything else goes to that CSMS; without, the bridge answers
 * what a station needs to stay connected.
 */
public final class BridgeApplication extends Application<BridgeConfiguration> {

  public static void main(String[] args) throws Exception {
    new BridgeApplication().run(args);
  }

  @Override
  public String getName() {
    return "pnc-pki ocpp-bridge";
  }

  @Override
  public void initialize(Bootstrap<BridgeConfiguration> bootstrap) {
    bootstrap.setConfigurationSourceProvider(
        new SubstitutingSourceProvider(
            bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
    bootstrap.addCommand(new HashPasswordCommand());
  }

  @Override
  public void run(BridgeConfiguration config, Environment environment) {
    if (config.ca() == null || config.organization() == null || config.schemaDirectory() == null) {
      throw new IllegalArgumentException("ca, organization and schemaDirectory are required");
    }
    var schemas = new MessageSchemas(Path.of(config.schemaDirectory()));
    var stations = new StationDirectory(config.stations(), config.organization());
    var ca =
        new CaClient(
            URI.create(config.ca().url()),
            config.ca().token(),
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    Map<String, Handler> handlers = new HashMap<>();
    if (config.upstream() == null) {
      handlers.putAll(StandaloneHandlers.of(Clock.systemUTC()));
    }
    handlers.put(
        "SignCertificate", new SignCertificateHandler(stations, ca, config.organization()));
    handlers.putAll(
        StatusHandlers.of(
            new OcspClient(
                config.ca().ocspPrefix(),
                config.ca().url(),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build())));
    // OCPP 1.6 stations send the Plug & Charge messages wrapped in DataTransfer
    handlers.put("DataTransfer", new PncDataTransfer(schemas, Map.copyOf(handlers)));
    ExecutorService afterwards = Executors.newVirtualThreadPerTaskExecutor();
    environment
        .lifecycle()
        .manage(
            new io.dropwizard.lifecycle.Managed() {
              @Override
              public void stop() {
                afterwards.shutdown();
              }
            });
    CsmsClient proxy =
        config.upstream() == null
            ? null
            : new CsmsClient(config.upstream(), Duration.ofSeconds(config.idleTimeoutSeconds()));
    if (proxy != null) {
      environment.lifecycle().manage(proxy);
    }
    var connected = new ConnectedStations();
    var endpoint =
        new OcppEndpoint(
            stations,
            (id, version) ->
                new StationSocket(
                    id,
                    station ->
                        new StationSession(
                            id,
                            version,
                            schemas,
                            handlers,
                            station::send,
                            afterwards,
                            proxy == null ? null : proxy.connect(id, version, station)),
                    connected,
                    afterwards));
    if (config.adminTokenSha256() != null) {
      environment.jersey().register(new StationResource(connected, config.adminTokenSha256()));
    }
    environment.healthChecks().register("ca", new CaHealthCheck(config.ca().url()));
    JettyWebSocketServletContainerInitializer.configure(
        environment.getApplicationContext(),
        (context, container) -> {
          container.setIdleTimeout(Duration.ofSeconds(config.idleTimeoutSeconds()));
          container.addMapping("/ocpp/*", endpoint);
        });
  }
}
