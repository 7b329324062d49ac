package dev.pncpki.bridge.app;

import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.pncpki.bridge.admin.AdminApi;
import dev.pncpki.bridge.campaign.CampaignRunner;
import dev.pncpki.bridge.cli.AdminVerbs;
import dev.pncpki.bridge.login.FloodLog;
import dev.pncpki.bridge.login.LoginThrottle;
import dev.pncpki.bridge.ocpp.MessageSchemas;
import dev.pncpki.bridge.outbox.Dispatcher;
import dev.pncpki.bridge.outbox.SecretBox;
import dev.pncpki.bridge.proxy.CsmsClient;
import dev.pncpki.bridge.proxy.NotedUpstream;
import dev.pncpki.bridge.station.ConnectedStations;
import dev.pncpki.bridge.store.BridgeDatabase;
import dev.pncpki.bridge.tls.StationTls;
import dev.pncpki.bridge.transport.KeepAlive;
import dev.pncpki.bridge.transport.OcppEndpoint;
import dev.pncpki.bridge.transport.StationSockets;
import dev.pncpki.runtime.http.ProblemErrorHandler;
import dev.pncpki.runtime.http.StrictJson;
import dev.pncpki.runtime.postgres.DatabaseHealthCheck;
import dev.pncpki.runtime.startup.OneLineServerCommand;
import io.dropwizard.assets.AssetsBundle;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.CheckCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
 * The OCPP bridge: chargers connect at {@code /ocpp/{chargingStationId}} (OCPP 1.6J, 2.0.1 or 2.1);
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
    String instance = config.instanceId() != null ? config.instanceId() : defaultInstanceId();
    Stores stores =
        Stores.open(
            open(config.database()),
            instance,
            config.outbox().maxAttempts(),
            config.secretKeyFile().map(BridgeApplication::secretKey));
    StationSeed.store(config.stations(), stores.stations());
    // every security event a station can cause at a high rate (refused logins, CSRs, floods of
    // frames, its own SecurityEventNotifications) goes through here: the first of a kind at once,
    // the rest of each window as one event with its count
    var floods = new FloodLog(stores.events(), config.loginThrottle().eventWindow());
    var connected = new ConnectedStations();
    var served = new AtomicReference<String>();
    var services = Services.of(config, stores, schemas, floods, connected, served::get);
    OcppRoutes.Tables routes = OcppRoutes.of(services.answers(config, stores, floods), schemas);
    Dispatcher dispatcher =
        Deliveries.dispatcher(config, stores, connected, routes, instance, services);
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
    var alerts = FleetAlerts.of(config, stores, environment.metrics());
    var campaigns =
        new CampaignRunner(
            stores.campaigns(), alerts, Duration.ofMillis(config.campaignPassMillis()));
    ExecutorService afterwards = Executors.newVirtualThreadPerTaskExecutor();
    var keepAlive =
        new KeepAlive(
            Duration.ofSeconds(config.pingIntervalSeconds()),
            Duration.ofSeconds(config.idleTimeoutSeconds()));
    environment
        .lifecycle()
        .manage(
            Background.of(
                config,
                stores,
                services,
                dispatcher,
                campaigns,
                alerts,
                keepAlive,
                afterwards,
                connected));
    // registered after Background, so the windows are stopped (and the last one recorded) before
    // the database closes
    environment.lifecycle().manage(new Windows(floods));
    var sockets =
        new StationSockets(
            routes.byVersion(),
            schemas,
            connected,
            afterwards,
            floods,
            keepAlive,
            upstreams(config, environment, stores, services));
    var endpoint =
        new OcppEndpoint(
            services.stations(),
            // behind a CSMS, a station's version must be one the CSMS speaks too
            config.upstream() == null
                ? java.util.EnumSet.allOf(dev.pncpki.bridge.ocpp.OcppVersion.class)
                : config.upstream().versions(),
            sockets,
            floods,
            new LoginThrottle(config.loginThrottle(), Clock.systemUTC()));
    if (!config.adminTokens().isEmpty()) {
      AdminApi.register(
          environment.jersey(),
          config.adminTokens(),
          AdminParts.of(
              config,
              stores,
              services.versions(),
              services.logs(),
              schemas,
              campaigns,
              alerts,
              services.v2gRoots()));
    }
    // the admin API takes PEMs and station lists, nothing near this; Jetty answers 413 beyond it
    environment
        .getApplicationContext()
        .insertHandler(new SizeLimitHandler(config.maxRequestBytes(), -1));
    environment.healthChecks().register("ca", new CaHealthCheck(config.ca().url()));
    environment
        .healthChecks()
        .register("database", new DatabaseHealthCheck(stores.db().dataSource()));
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

  /** In proxy mode, each station's own connection to the CSMS, noting what the bridge keeps. */
  private static Optional<StationSockets.Upstreams> upstreams(
      BridgeConfiguration config, Environment environment, Stores stores, Services services) {
    if (config.upstream() == null) {
      return Optional.empty();
    }
    var proxy = new CsmsClient(config.upstream(), Duration.ofSeconds(config.idleTimeoutSeconds()));
    environment.lifecycle().manage(proxy);
    return Optional.of(
        (id, version, station) ->
            new NotedUpstream(
                proxy.connect(id, version, station),
                id,
                stores.info(),
                services.logs(),
                services.discarded()));
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
