package dev.pncpki.bridge.app;

import dev.pncpki.bridge.campaign.CampaignRunner;
import dev.pncpki.bridge.certificates.CaClient;
import dev.pncpki.bridge.certificates.DeliveredCertificates;
import dev.pncpki.bridge.certificates.EvCertificateHandler;
import dev.pncpki.bridge.certificates.SignCertificateHandler;
import dev.pncpki.bridge.cli.CampaignCommand;
import dev.pncpki.bridge.cli.DeliveryCommand;
import dev.pncpki.bridge.cli.RenewCommand;
import dev.pncpki.bridge.cli.RootCommand;
import dev.pncpki.bridge.cli.StationsCommand;
import dev.pncpki.bridge.ocpp.Frame;
import dev.pncpki.bridge.ocpp.MessageSchemas;
import dev.pncpki.bridge.outbox.Dispatcher;
import dev.pncpki.bridge.outbox.OutboxStore;
import dev.pncpki.bridge.pnc.PncDataTransfer;
import dev.pncpki.bridge.proxy.CsmsClient;
import dev.pncpki.bridge.renewal.RenewalScheduler;
import dev.pncpki.bridge.standalone.StandaloneHandlers;
import dev.pncpki.bridge.station.ConnectedStations;
import dev.pncpki.bridge.station.Handler;
import dev.pncpki.bridge.station.StationDirectory;
import dev.pncpki.bridge.station.StationSession;
import dev.pncpki.bridge.station.Upstream;
import dev.pncpki.bridge.status.OcspClient;
import dev.pncpki.bridge.status.StatusHandlers;
import dev.pncpki.bridge.store.AlertRecords;
import dev.pncpki.bridge.store.BridgeDatabase;
import dev.pncpki.bridge.store.Campaigns;
import dev.pncpki.bridge.store.FleetHealth;
import dev.pncpki.bridge.store.OcspFreshness;
import dev.pncpki.bridge.store.Presence;
import dev.pncpki.bridge.store.Renewals;
import dev.pncpki.bridge.store.SecurityEvents;
import dev.pncpki.bridge.store.StationCertificates;
import dev.pncpki.bridge.store.StationInfo;
import io.dropwizard.assets.AssetsBundle;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.CheckCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jetty.ee10.websocket.server.config.JettyWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OCPP bridge: chargers connect at {@code /ocpp/{chargingStationId}} (OCPP 1.6J or 2.0.1);
 * certificate messages are answered here, with the CA reached over its REST API only. With {@code
 * upstream} configured (proxy mode) everything else goes to that CSMS; without, the bridge answers
 * what a station needs to stay connected.
 */
public final class BridgeApplication extends Application<BridgeConfiguration> {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeApplication.class);

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
            bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(true)));
    bootstrap.addCommand(new HashPasswordCommand());
    // the admin CLI: each verb is one call to the admin API of a running bridge
    bootstrap.addCommand(StationsCommand.all());
    bootstrap.addCommand(StationsCommand.one());
    bootstrap.addCommand(new RenewCommand());
    bootstrap.addCommand(RootCommand.list());
    bootstrap.addCommand(RootCommand.install());
    bootstrap.addCommand(RootCommand.delete());
    bootstrap.addCommand(DeliveryCommand.delivery());
    bootstrap.addCommand(DeliveryCommand.events());
    CampaignCommand.all().forEach(bootstrap::addCommand);
    // the operations page: static files, reading the admin API with the token the operator gives
    bootstrap.addBundle(new AssetsBundle("/dashboard", "/dashboard", "index.html", "dashboard"));
  }

  /** Dropwizard's server command, with one-line start-up refusals; and its check command. */
  @Override
  protected void addDefaultCommands(Bootstrap<BridgeConfiguration> bootstrap) {
    bootstrap.addCommand(new ServeCommand(this));
    bootstrap.addCommand(new CheckCommand<>(this));
  }

  @Override
  public void run(BridgeConfiguration config, Environment environment) {
    if (config.ca() == null
        || config.organization() == null
        || config.schemaDirectory() == null
        || config.database() == null) {
      throw new ConfigurationError("ca, database, organization and schemaDirectory are required");
    }
    MessageSchemas schemas;
    try {
      schemas = new MessageSchemas(Path.of(config.schemaDirectory()));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationError("schemaDirectory: " + e.getMessage());
    }
    var stations = new StationDirectory(config.stations(), config.organization());
    BridgeDatabase db = open(config.database());
    String instance = config.instanceId() != null ? config.instanceId() : defaultInstanceId();
    var events = new SecurityEvents(db.jdbi());
    var outbox =
        new OutboxStore(db.jdbi(), db.dataSource(), config.outbox().maxAttempts(), instance);
    var presence = new Presence(db.jdbi(), instance);
    var certificates = new StationCertificates(db.jdbi());
    var ocspFreshness = new OcspFreshness(db.jdbi());
    var ca =
        new CaClient(
            URI.create(config.ca().url()),
            config.ca().token(),
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
            config.ca().requests());
    Map<String, Handler> handlers = new HashMap<>();
    var info = new StationInfo(db.jdbi());
    if (config.upstream() == null) {
      handlers.putAll(
          StandaloneHandlers.of(Clock.systemUTC(), info::booted, (station, payload) -> {}));
    }
    handlers.put(
        "SignCertificate",
        new SignCertificateHandler(stations, ca, config.organization(), outbox, events));
    handlers.put("Get15118EVCertificate", new EvCertificateHandler(ca));
    handlers.putAll(
        StatusHandlers.of(
            new OcspClient(
                config.ca().ocspPrefix(),
                config.ca().url(),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()),
            events,
            ocspFreshness));
    // OCPP 1.6 stations send the Plug & Charge messages wrapped in DataTransfer
    var pnc = new PncDataTransfer(schemas, Map.copyOf(handlers));
    handlers.put("DataTransfer", pnc);
    var connected = new ConnectedStations();
    var settings = config.outbox();
    var dispatcher =
        new Dispatcher(
            outbox,
            connected,
            instance,
            pnc::wrap,
            new Dispatcher.Backoff(
                Duration.ofSeconds(settings.firstRetrySeconds()),
                Duration.ofSeconds(settings.maxRetrySeconds())),
            List.of(new DeliveredCertificates(certificates)),
            presence::heartbeat);
    connected.listen(
        new ConnectedStations.Listener() {
          @Override
          public void connected(StationSession session) {
            presence.connected(
                session.stationId(), session.connectionId(), session.version().subprotocol());
            dispatcher.wake(session.stationId());
          }

          @Override
          public void disconnected(StationSession session) {
            presence.disconnected(session.stationId(), session.connectionId());
          }
        });
    var renewalStore = new Renewals(db.jdbi());
    var renewals =
        new RenewalScheduler(
            renewalStore, outbox, presence, ca, config.renewal(), Clock.systemUTC());
    var alerts =
        new FleetAlerts(
            config.alerts(),
            URI.create(config.ca().url()),
            new FleetHealth(db.jdbi()),
            ocspFreshness,
            environment.metrics(),
            new AlertRecords(db.jdbi(), instance),
            Clock.systemUTC());
    var campaignStore = new Campaigns(db.jdbi(), outbox);
    var campaigns =
        new CampaignRunner(campaignStore, alerts, Duration.ofMillis(config.campaignPassMillis()));
    ExecutorService afterwards = Executors.newVirtualThreadPerTaskExecutor();
    var keepAlive =
        new KeepAlive(
            Duration.ofSeconds(config.pingIntervalSeconds()),
            Duration.ofSeconds(config.idleTimeoutSeconds()));
    Duration sweep = Duration.ofSeconds(Math.max(1, Math.min(5, settings.firstRetrySeconds())));
    environment
        .lifecycle()
        .manage(
            new Managed() {
              @Override
              public void start() {
                dispatcher.start(db.dataSource(), sweep);
                renewals.start();
                campaigns.start();
                alerts.start();
              }

              @Override
              public void stop() throws Exception {
                alerts.close();
                campaigns.close();
                renewals.close();
                keepAlive.close();
                dispatcher.close();
                afterwards.shutdown();
                db.close();
              }
            });
    CsmsClient proxy =
        config.upstream() == null
            ? null
            : new CsmsClient(config.upstream(), Duration.ofSeconds(config.idleTimeoutSeconds()));
    if (proxy != null) {
      environment.lifecycle().manage(proxy);
    }
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
                            proxy == null
                                ? null
                                : booting(proxy.connect(id, version, station), id, info)),
                    connected,
                    afterwards,
                    events,
                    keepAlive),
            events);
    if (config.adminTokenSha256() != null) {
      environment
          .jersey()
          .register(
              new StationResource(
                  new StationResource.Fleet(
                      stations,
                      connected,
                      presence,
                      outbox,
                      certificates,
                      events,
                      schemas,
                      renewalStore,
                      ocspFreshness),
                  config.adminTokenSha256()));
      environment.jersey().register(new JsonProblems());
      environment
          .jersey()
          .register(new DeliveryResource(outbox, events, config.adminTokenSha256()));
      environment
          .jersey()
          .register(
              new FleetResource(
                  new FleetHealth(db.jdbi()),
                  campaignStore,
                  alerts::active,
                  alerts::history,
                  Duration.ofDays(config.renewal().windowDays()),
                  config.adminTokenSha256()));
      environment
          .jersey()
          .register(
              new CampaignResource(
                  campaignStore, campaigns, stations, schemas, config.adminTokenSha256()));
    }
    // the admin API takes PEMs and station lists, nothing near this; Jetty answers 413 beyond it
    environment
        .getApplicationContext()
        .insertHandler(new SizeLimitHandler(config.maxRequestBytes(), -1));
    environment.healthChecks().register("ca", new CaHealthCheck(config.ca().url()));
    environment
        .lifecycle()
        .addServerLifecycleListener(
            server -> ReadyLine.log(LOG, server, config.adminTokenSha256() != null));
    JettyWebSocketServletContainerInitializer.configure(
        environment.getApplicationContext(),
        (context, container) -> {
          // a backstop only: pings count as traffic for Jetty; KeepAlive watches what is heard
          container.setIdleTimeout(Duration.ofSeconds(2L * config.idleTimeoutSeconds()));
          container.addMapping("/ocpp/*", endpoint);
        });
  }

  /** The CSMS connection of a station in proxy mode, recording BootNotification on its way. */
  private static Upstream booting(Upstream upstream, String stationId, StationInfo info) {
    return new Upstream() {
      @Override
      public boolean takes(Frame.Call call) {
        if (call.action().equals("BootNotification")) {
          info.booted(stationId, call.payload());
        }
        return upstream.takes(call);
      }

      @Override
      public void forward(String text) {
        upstream.forward(text);
      }

      @Override
      public void close() {
        upstream.close();
      }
    };
  }

  private static BridgeDatabase open(BridgeConfiguration.Database settings) {
    if (settings.embeddedDirectory() != null) {
      return BridgeDatabase.embedded(Path.of(settings.embeddedDirectory()), settings.pool());
    }
    if (settings.url() == null) {
      throw new ConfigurationError("database: set url (and user, password) or embeddedDirectory");
    }
    return BridgeDatabase.external(
        settings.url(), settings.user(), settings.password(), settings.pool());
  }

  private static String defaultInstanceId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "bridge";
    }
    return host + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
