package dev.pncpki.bridge.app;

import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.pncpki.bridge.admin.AdminApi;
import dev.pncpki.bridge.campaign.CampaignRunner;
import dev.pncpki.bridge.certificates.CaClient;
import dev.pncpki.bridge.certificates.DeliveredCertificates;
import dev.pncpki.bridge.certificates.SigningRequestIssuer;
import dev.pncpki.bridge.cli.AdminVerbs;
import dev.pncpki.bridge.login.FloodLog;
import dev.pncpki.bridge.login.LoginThrottle;
import dev.pncpki.bridge.logs.LogRetrieval;
import dev.pncpki.bridge.ocpp.MessageSchemas;
import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.outbox.Dispatcher;
import dev.pncpki.bridge.outbox.SecretBox;
import dev.pncpki.bridge.proxy.CsmsClient;
import dev.pncpki.bridge.renewal.RenewalScheduler;
import dev.pncpki.bridge.security.CredentialAnswers;
import dev.pncpki.bridge.station.ConnectedStations;
import dev.pncpki.bridge.station.SecurityLog;
import dev.pncpki.bridge.station.Station;
import dev.pncpki.bridge.station.StationDirectory;
import dev.pncpki.bridge.station.StationSession;
import dev.pncpki.bridge.station.StationVersions;
import dev.pncpki.bridge.store.BridgeDatabase;
import dev.pncpki.bridge.store.Presence;
import dev.pncpki.bridge.store.StationChanges;
import dev.pncpki.bridge.tls.OutgoingTls;
import dev.pncpki.bridge.tls.StationTls;
import dev.pncpki.bridge.trust.CaTrustList;
import dev.pncpki.bridge.truststore.TrustStoreSync;
import dev.pncpki.runtime.http.ProblemErrorHandler;
import dev.pncpki.runtime.http.StrictJson;
import dev.pncpki.runtime.startup.OneLineServerCommand;
import io.dropwizard.assets.AssetsBundle;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.CheckCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee10.websocket.server.config.JettyWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OCPP bridge: chargers connect at {@code /ocpp/{chargingStationId}} (OCPP 1.6J or 2.0.1);
 * certificate messages are answered here, with the CA reached over its REST API only. With {@code
 * upstream} configured (proxy mode) everything else goes to that CSMS; without, the bridge answers
 * what a station sends.
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
    // the admin API refuses a body with fields it does not know rather than ignore them
    bootstrap.getObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    bootstrap.addCommand(new HashPasswordCommand());
    // the admin CLI: each verb is one call to the admin API of a running bridge
    AdminVerbs.all().forEach(bootstrap::addCommand);
    // the operations page: static files, reading the admin API with the token the operator gives
    bootstrap.addBundle(new AssetsBundle("/dashboard", "/dashboard", "index.html", "dashboard"));
  }

  /** A command that failed: the admin CLI's verbs exit with their own status (see docs). */
  @Override
  protected void onFatalError(Throwable t) {
    System.exit(AdminVerbs.exitStatus(t));
  }

  /** Dropwizard's server command, with one-line start-up refusals; and its check command. */
  @Override
  protected void addDefaultCommands(Bootstrap<BridgeConfiguration> bootstrap) {
    bootstrap.addCommand(
        new OneLineServerCommand<>(this, "pnc-pki ocpp-bridge", ConfigurationError.class));
    bootstrap.addCommand(new CheckCommand<>(this));
  }

  @Override
  public void run(BridgeConfiguration config, Environment environment) {
    config.check();
    // first: the JDK reads its TLS settings once, when TLS is first used in the process
    try {
      StationTls.configure(config.getServerFactory());
    } catch (IllegalArgumentException e) {
      throw new ConfigurationError(e.getMessage());
    }
    StrictJson.configure(environment.getObjectMapper()); // the admin API's request bodies
    ProblemErrorHandler.install(environment);
    MessageSchemas schemas = schemas(config);
    BridgeDatabase db = open(config.database());
    String instance = config.instanceId() != null ? config.instanceId() : defaultInstanceId();
    Stores stores =
        Stores.open(
            db,
            instance,
            config.outbox().maxAttempts(),
            config.secretKeyFile().map(BridgeApplication::secretKey));
    seed(config.stations(), stores);
    // every security event a station can cause at a high rate (refused logins, CSRs, floods of
    // frames, its own SecurityEventNotifications) goes through here: the first of a kind at once,
    // the rest of each window as one event with its count
    var floods = new FloodLog(stores.events(), config.loginThrottle().eventWindow());
    var stations =
        new StationDirectory(stores.stations(), stores.credentials(), config.organization());
    var ca =
        new CaClient(
            URI.create(config.ca().url()),
            config.ca().token(),
            OutgoingTls.client(Duration.ofSeconds(5)),
            config.ca().requests());
    var connected = new ConnectedStations();
    StationVersions versions =
        id ->
            connected
                .find(id)
                .map(StationSession::version)
                .or(
                    () ->
                        stores
                            .presence()
                            .find(id)
                            .flatMap(c -> OcppVersion.ofSubprotocol(c.ocppVersion())));
    var served = new AtomicReference<String>();
    var logs =
        new LogRetrieval(
            stores.stations(),
            versions,
            stores.outbox(),
            schemas,
            stores.logs(),
            () ->
                config
                    .logUploadUrl()
                    .or(() -> Optional.ofNullable(served.get()).map(u -> u + "/log-uploads")),
            stores.audit());
    var delivered = new DeliveredCertificates(stores.certificates());
    var issuer =
        new SigningRequestIssuer(
            stores.signing(), ca, floods, delivered, config.signing(), 4 * config.ca().requests());
    var trustList =
        new CaTrustList(
            URI.create(config.ca().url()),
            config.ca().token(),
            OutgoingTls.client(Duration.ofSeconds(5)),
            Clock.systemUTC());
    var v2gRoots = OcppHandlers.v2gRoots(config, stores, trustList);
    OcppHandlers.Table table =
        OcppHandlers.of(
            config,
            stores,
            stations,
            ca,
            issuer,
            schemas,
            floods,
            logs::reported,
            trustList,
            v2gRoots);
    Dispatcher dispatcher = dispatcher(config, stores, connected, table, instance, logs, delivered);
    // while the server stops, the stations are still connected: CALLs on the wire get their answers
    environment
        .lifecycle()
        .addEventListener(
            new LifeCycle.Listener() {
              @Override
              public void lifeCycleStopping(LifeCycle event) {
                dispatcher.quiesce(Duration.ofSeconds(5));
              }
            });
    var renewals =
        new RenewalScheduler(
            stores.renewals(), stores.presence(), ca, config.renewal(), Clock.systemUTC());
    var alerts = FleetAlerts.of(config, stores, environment.metrics());
    var trustStores =
        new TrustStoreSync(
            stores.trustStores(),
            stores.outbox(),
            new TrustStoreSync.Stations() {
              @Override
              public List<String> connected() {
                return stores.presence().all().stream()
                    .filter(Presence.Connection::connected)
                    .map(Presence.Connection::stationId)
                    .toList();
              }

              @Override
              public Optional<OcppVersion> version(String stationId) {
                return versions.of(stationId);
              }
            },
            trustList::trusted,
            config.trustStore(),
            Clock.systemUTC());
    var campaigns =
        new CampaignRunner(
            stores.campaigns(), alerts, Duration.ofMillis(config.campaignPassMillis()));
    var changes = new StationChanges(db.dataSource(), id -> closeIfBarred(id, connected, stations));
    ExecutorService afterwards = Executors.newVirtualThreadPerTaskExecutor();
    var keepAlive =
        new KeepAlive(
            Duration.ofSeconds(config.pingIntervalSeconds()),
            Duration.ofSeconds(config.idleTimeoutSeconds()));
    Duration sweep =
        Duration.ofSeconds(Math.max(1, Math.min(5, config.outbox().firstRetrySeconds())));
    environment
        .lifecycle()
        .manage(
            new Background(
                db,
                dispatcher,
                issuer,
                sweep,
                changes,
                renewals,
                campaigns,
                alerts,
                trustStores,
                keepAlive,
                afterwards));
    // registered after Background, so the windows are stopped (and the last one recorded) before
    // the database closes
    environment.lifecycle().manage(new Windows(floods));
    var endpoint =
        new OcppEndpoint(
            stations,
            sockets(
                config,
                environment,
                schemas,
                table,
                connected,
                afterwards,
                stores,
                floods,
                keepAlive,
                logs),
            floods,
            new LoginThrottle(config.loginThrottle(), Clock.systemUTC()));
    if (!config.adminTokens().isEmpty()) {
      AdminApi.register(
          environment.jersey(),
          config.adminTokens(),
          AdminParts.of(config, stores, versions, logs, schemas, campaigns, alerts, v2gRoots));
    }
    // the admin API takes PEMs and station lists, nothing near this; Jetty answers 413 beyond it
    environment
        .getApplicationContext()
        .insertHandler(new SizeLimitHandler(config.maxRequestBytes(), -1));
    environment.healthChecks().register("ca", new CaHealthCheck(config.ca().url()));
    environment
        .healthChecks()
        .register("database", new dev.pncpki.runtime.postgres.DatabaseHealthCheck(db.dataSource()));
    environment
        .lifecycle()
        .addServerLifecycleListener(
            server -> {
              Served.baseUrl(server).ifPresent(served::set);
              ReadyLine.log(LOG, server, !config.adminTokens().isEmpty());
            });
    JettyWebSocketServletContainerInitializer.configure(
        environment.getApplicationContext(),
        (context, container) -> {
          // a backstop only: pings count as traffic for Jetty; KeepAlive watches what is heard
          container.setIdleTimeout(Duration.ofSeconds(2L * config.idleTimeoutSeconds()));
          container.addMapping("/ocpp/*", endpoint);
        });
  }

  private static MessageSchemas schemas(BridgeConfiguration config) {
    try {
      return new MessageSchemas(Path.of(config.schemaDirectory()));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationError("schemaDirectory: " + e.getMessage());
    }
  }

  private static SecretBox secretKey(String file) {
    try {
      return SecretBox.fromFile(Path.of(file));
    } catch (java.io.UncheckedIOException | IllegalArgumentException e) {
      throw new ConfigurationError("secretKeyFile: " + e.getMessage());
    }
  }

  /** The configuration's stations, stored once each (the registry is managed at run time). */
  private static void seed(List<StationSeed> seeds, Stores stores) {
    int added = 0;
    for (StationSeed seed : seeds) {
      Station station;
      try {
        station = seed.toStation(Instant.now());
      } catch (IllegalArgumentException e) {
        throw new ConfigurationError("stations: " + seed.id() + ": " + e.getMessage());
      }
      switch (stores.stations().seed(station)) {
        case ADDED -> added++;
        case SECC_ID_TAKEN ->
            LOG.warn(
                "stations: {} not added: one of its SECC IDs is another station's; register it"
                    + " through the admin API with SECC IDs of its own",
                station.id());
        case ID_TAKEN, SEEDED_BEFORE -> {
          // registered already, or seeded once and maybe deleted by an admin since
        }
      }
    }
    if (added > 0) {
      LOG.info("{} station(s) of the configuration added to the station registry", added);
    }
  }

  /** A disabled or deleted station's connection to this instance ends. */
  private static void closeIfBarred(
      String id, ConnectedStations connected, StationDirectory stations) {
    connected
        .find(id)
        .filter(session -> stations.find(id).filter(Station::enabled).isEmpty())
        .ifPresent(session -> session.disconnect(1008, "the station may not connect any more"));
  }

  private static Dispatcher dispatcher(
      BridgeConfiguration config,
      Stores stores,
      ConnectedStations connected,
      OcppHandlers.Table table,
      String instance,
      LogRetrieval logs,
      DeliveredCertificates delivered) {
    var settings = config.outbox();
    var answers =
        new CredentialAnswers(
            stores.stations(), stores.credentials(), stores.outbox(), stores.audit());
    var dispatcher =
        new Dispatcher(
            stores.outbox(),
            connected,
            instance,
            table.pnc()::wrap,
            new Dispatcher.Backoff(
                Duration.ofSeconds(settings.firstRetrySeconds()),
                Duration.ofSeconds(settings.maxRetrySeconds())),
            List.of(delivered, answers, logs),
            () -> {
              stores.presence().heartbeat();
              answers.releaseUnanswered();
            });
    connected.listen(
        new ConnectedStations.Listener() {
          @Override
          public void connected(StationSession session) {
            stores
                .presence()
                .connected(
                    session.stationId(), session.connectionId(), session.version().subprotocol());
            dispatcher.wake(session.stationId());
          }

          @Override
          public void disconnected(StationSession session) {
            stores.presence().disconnected(session.stationId(), session.connectionId());
          }
        });
    return dispatcher;
  }

  /** Makes each accepted connection's socket and session (with its CSMS link in proxy mode). */
  private static OcppEndpoint.Sockets sockets(
      BridgeConfiguration config,
      Environment environment,
      MessageSchemas schemas,
      OcppHandlers.Table table,
      ConnectedStations connected,
      ExecutorService afterwards,
      Stores stores,
      SecurityLog events,
      KeepAlive keepAlive,
      LogRetrieval logs) {
    CsmsClient proxy =
        config.upstream() == null
            ? null
            : new CsmsClient(config.upstream(), Duration.ofSeconds(config.idleTimeoutSeconds()));
    if (proxy != null) {
      environment.lifecycle().manage(proxy);
    }
    return (id, version) ->
        new StationSocket(
            id,
            station ->
                new StationSession(
                    id,
                    version,
                    schemas,
                    table.handlers(),
                    station::send,
                    afterwards,
                    proxy == null
                        ? null
                        : new NotedUpstream(
                            proxy.connect(id, version, station), id, stores.info(), logs)),
            connected,
            afterwards,
            events,
            keepAlive);
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
