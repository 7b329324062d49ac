package dev.pncpki.ca.app;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pncpki.ca.api.ApiWiring;
import dev.pncpki.ca.api.CrossCertResource;
import dev.pncpki.ca.api.OcspServlet;
import dev.pncpki.ca.api.RevocationResource;
import dev.pncpki.ca.api.RootCertResource;
import dev.pncpki.ca.audit.AuditAnchoring;
import dev.pncpki.ca.audit.AuditLog;
import dev.pncpki.ca.audit.AuditVerification;
import dev.pncpki.ca.ceremony.Ceremony;
import dev.pncpki.ca.contract.ContractWrites;
import dev.pncpki.ca.issuance.AffectedCertificates;
import dev.pncpki.ca.issuance.AuthorityRevocation;
import dev.pncpki.ca.issuance.CertificateAuthority;
import dev.pncpki.ca.issuance.CertificateRecords;
import dev.pncpki.ca.issuance.Hierarchy;
import dev.pncpki.ca.issuance.HierarchyImport;
import dev.pncpki.ca.keys.KeyBackend;
import dev.pncpki.ca.keys.vault.VaultTransitKeyBackend;
import dev.pncpki.ca.revocation.CrlPublisher;
import dev.pncpki.ca.revocation.OcspResponder;
import dev.pncpki.ca.revocation.PublicUrl;
import dev.pncpki.ca.roots.CrossCertificates;
import dev.pncpki.ca.roots.RootPool;
import dev.pncpki.ca.roots.RootPoolHealthCheck;
import dev.pncpki.ca.store.AuthorityDao;
import dev.pncpki.ca.store.Database;
import dev.pncpki.ca.store.HierarchyDao;
import dev.pncpki.ca.store.JdbiCertificateStore;
import dev.pncpki.ca.store.JdbiContractWrites;
import dev.pncpki.ca.store.JdbiCrlStore;
import dev.pncpki.ca.store.JdbiCrossCertificateStore;
import dev.pncpki.ca.store.JdbiIssuanceStore;
import dev.pncpki.ca.store.JdbiRevocationSource;
import dev.pncpki.ca.store.JdbiRootPoolStore;
import dev.pncpki.ca.store.NotificationListener;
import dev.pncpki.runtime.http.ProblemErrorHandler;
import dev.pncpki.runtime.http.StrictJson;
import dev.pncpki.runtime.startup.OneLineServerCommand;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.CheckCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CA service: {@code server <config.yml>} runs it, {@code ceremony <config.yml>} sets it up.
 */
public final class CaApplication extends Application<CaConfiguration> {
  private static final Logger LOG = LoggerFactory.getLogger(CaApplication.class);

  /** How long before a pooled root expires the root-pool health check names it. */
  private static final java.time.Duration ROOT_EXPIRY_WARNING = java.time.Duration.ofDays(90);

  private volatile org.jdbi.v3.core.Jdbi jdbi;

  /** The database once running; integration tests look into it. */
  org.jdbi.v3.core.Jdbi jdbi() {
    return jdbi;
  }

  public static void main(String[] args) throws Exception {
    new CaApplication().run(args);
  }

  /**
   * Dropwizard exits with 1 on any failed command; the admin verbs tell refusals (2) and failed
   * checks (3) apart for scripts (docs/operations.md).
   */
  @Override
  protected void onFatalError(Throwable t) {
    System.exit(dev.pncpki.ca.cli.ExitCode.of(t));
  }

  @Override
  public String getName() {
    return "pnc-pki ca-service";
  }

  @Override
  public void initialize(Bootstrap<CaConfiguration> bootstrap) {
    bootstrap.setConfigurationSourceProvider(
        new SubstitutingSourceProvider(
            bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(true)));
    bootstrap.addCommand(new CeremonyCommand());
    bootstrap.addCommand(new CeremonyImportCommand());
    bootstrap.addCommand(new dev.pncpki.ca.cli.AdminCommand());
    bootstrap.getObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  }

  /** Dropwizard's server command, with one-line start-up refusals; and its check command. */
  @Override
  protected void addDefaultCommands(Bootstrap<CaConfiguration> bootstrap) {
    bootstrap.addCommand(
        new OneLineServerCommand<>(
            this, "pnc-pki ca-service", StartupRefusal.class, HierarchyImport.Refused.class));
    bootstrap.addCommand(new CheckCommand<>(this));
  }

  @Override
  public void run(CaConfiguration config, Environment environment) {
    // the mapper Jersey reads bodies with; the configuration was read with a copy made before
    StrictJson.configure(environment.getObjectMapper());
    ProblemErrorHandler.install(environment);
    PublicUrl publicUrl = PublicUrls.of(config);
    KeyBackend keys = config.keys().build();
    LOG.warn("Key backend: {}", config.keys().describe());
    Path directory = Path.of(config.hierarchy().directory());
    if (config.hierarchy().ceremonyOnStart()) {
      var plan = PlanSource.load(config.hierarchy().plan(), publicUrl.uri(), directory);
      var outcomes = new Ceremony(keys, directory, Clock.systemUTC(), new SecureRandom()).run(plan);
      long created = outcomes.stream().filter(Ceremony.Outcome::created).count();
      LOG.info(
          "Ceremony: {} certificates created, {} in place, in {}",
          created,
          outcomes.size() - created,
          directory);
    }
    Database database = config.database().open();
    environment
        .lifecycle()
        .manage(
            new Managed() {
              @Override
              public void start() {
                database.serving(); // stopped by this lifecycle, after what uses it
              }

              @Override
              public void stop() {
                database.close();
              }
            });
    var jdbi = database.jdbi();
    this.jdbi = jdbi;
    int imported = HierarchyImport.run(directory, jdbi, Clock.systemUTC());
    var lock = dev.pncpki.ca.store.InstanceLock.acquire(database.dataSource());
    var inFlight = new dev.pncpki.ca.issuance.InFlight(lock::owner);
    var recovery =
        new CrashRecoveryTask(
            new dev.pncpki.ca.issuance.CrashRecovery(jdbi, inFlight, Clock.systemUTC()), lock);
    recovery.atStartUp();
    environment.lifecycle().manage(recovery);
    var hierarchy = new Hierarchy(jdbi.withExtension(AuthorityDao.class, AuthorityDao::all));
    hierarchy.revokedAre(jdbi.withExtension(HierarchyDao.class, HierarchyDao::revokedAuthorities));
    LOG.info("Hierarchy: {} certificates ({} newly imported)", hierarchy.all().size(), imported);
    requireServed(hierarchy, publicUrl, directory);
    environment
        .lifecycle()
        .addServerLifecycleListener(server -> ReadyLine.log(LOG, server, publicUrl));
    Clock clock = Clock.systemUTC();
    var audit = new AuditLog(jdbi, clock);
    var anchoring = new AuditAnchoring(jdbi, keys, clock, config.audit().schedule());
    environment.lifecycle().manage(new AuditAnchorTicker(anchoring));
    var certificates = new JdbiCertificateStore(jdbi);
    var authority =
        new CertificateAuthority(
            new JdbiIssuanceStore(jdbi, Map.of(ContractWrites.class, JdbiContractWrites::new)),
            hierarchy,
            keys,
            clock,
            new SecureRandom(),
            inFlight);
    var issuingCas = IssuingCas.of(hierarchy, clock.instant());
    var status = new JdbiRevocationSource(jdbi);
    var crls = new CrlPublisher(keys, new JdbiCrlStore(jdbi), issuingCas, clock);
    var ocsp = new OcspResponder(keys, status, issuingCas, clock);
    var publishing = new RevocationPublishing(crls, ocsp);
    environment.lifecycle().manage(publishing);
    var hierarchyRevocations = new HierarchyRevocations(jdbi, hierarchy, ocsp, clock);
    environment.lifecycle().manage(hierarchyRevocations);
    var records =
        new CertificateRecords(
            certificates, hierarchy, clock, List.of(publishing, hierarchyRevocations));
    // Revocations made by other instances reach this one's OCSP cache and CRLs through NOTIFY.
    var notifications =
        new NotificationListener(
            database.dataSource(),
            "pnc_revocation",
            payload -> publishing.notified(payload, records.instance()),
            publishing::resynchronise);
    environment
        .lifecycle()
        .manage(
            new Managed() {
              @Override
              public void start() {
                notifications.start();
              }

              @Override
              public void stop() {
                notifications.close();
              }
            });
    environment.jersey().register(new RevocationResource(crls, clock));
    // OCSP GET (RFC 6960 A.1) puts base64 in the path; its '/' arrives as %2F. The servlet reads
    // the raw URI itself; Jetty must let such paths through (with uriCompliance LEGACY).
    environment.getApplicationContext().getServletHandler().setDecodeAmbiguousURIs(true);
    environment
        .servlets()
        .addServlet("ocsp", new OcspServlet(ocsp, environment.metrics().meter("ocsp.responses")))
        .addMapping("/ocsp/*");
    environment
        .jersey()
        .register(
            new AuthorityResource(
                hierarchy,
                crls,
                new AuthorityRevocation(certificates, hierarchy, records, clock),
                new AffectedCertificates(jdbi, hierarchy, clock)));
    var contracts =
        dev.pncpki.ca.contract.ContractModule.create(
            config.contracts(), jdbi, database.dataSource(), hierarchy, authority, records, clock);
    ApiWiring.register(
        environment.jersey(),
        config.apiTokens(),
        config.clientCertificates(),
        config.maxRequestBytes(),
        audit,
        new AuditVerification(audit, anchoring),
        authority,
        records,
        contracts,
        hierarchy,
        Iso15118Wiring.service(config, contracts, hierarchy, keys, audit, clock),
        clock);
    var poolStore = new JdbiRootPoolStore(jdbi);
    var roots = new RootPool(poolStore, clock);
    environment.jersey().register(new RootCertResource(roots));
    var crosses =
        new CrossCertificates(
            new JdbiCrossCertificateStore(jdbi),
            poolStore,
            () ->
                hierarchy.all().stream()
                    .filter(Hierarchy.Authority::isRoot)
                    .map(Hierarchy.Authority::certificate)
                    .toList(),
            clock);
    authority.crossPaths(crosses);
    environment.jersey().register(new CrossCertResource(crosses));
    environment
        .healthChecks()
        .register("root-pool", new RootPoolHealthCheck(roots, ROOT_EXPIRY_WARNING, clock));
    environment
        .healthChecks()
        .register(
            "database", new dev.pncpki.runtime.postgres.DatabaseHealthCheck(database.dataSource()));
    environment.healthChecks().register("key-backend", new KeyBackendHealthCheck(keys, hierarchy));
    if (keys instanceof VaultTransitKeyBackend vault) {
      environment.metrics().register("vault.transit.sign", vault.signLatency());
    }
    environment.metrics().registerGauge("ocsp.cached-responses", ocsp::cachedResponses);
  }

  /**
   * The certificates of the hierarchy name OCSP and CRL URLs under the URL it was made for; a CA
   * that serves elsewhere would leave them pointing at an address it does not own, perhaps another
   * CA's.
   */
  private static void requireServed(Hierarchy hierarchy, PublicUrl publicUrl, Path directory) {
    for (Hierarchy.Authority a : hierarchy.all()) {
      if (!a.baseUrl().equals(publicUrl.toString())) {
        throw new StartupRefusal(
            "the hierarchy in "
                + directory
                + " names "
                + a.baseUrl()
                + " for OCSP and CRLs (certificate "
                + a.id()
                + "), but this CA's public URL is "
                + publicUrl
                + "; serve it there (PNC_HTTP_PORT, or publicUrl / PNC_PUBLIC_URL for the address"
                + " a proxy serves it under), or start with a new data directory");
      }
    }
  }
}
