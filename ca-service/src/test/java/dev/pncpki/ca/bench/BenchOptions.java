package dev.pncpki.ca.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one benchmark run does. Each option comes from {@code --name=value} (or {@code --name
 * value}), else from the environment variable {@code BENCH_NAME}, else its default.
 */
public record BenchOptions(
    Duration duration,
    Duration warmup,
    int concurrency,
    int ocspConcurrency,
    int csrPool,
    boolean requestLog,
    boolean externalDatabase,
    Path venv,
    Optional<Path> serviceJar,
    List<String> serviceJvmArgs,
    Set<String> phases,
    Path workDir) {

  static final String USAGE =
      """
      options (or environment variables BENCH_<NAME>):
        --duration=20          seconds measured per phase
        --warmup=60            seconds of unmeasured load before each phase (the JIT compilers
                               of a fresh JVM need about a minute under load; with 10 s they
                               still took ~30% of the service's CPU in the measured window)
        --concurrency=50       concurrent clients for the issuance and contract phases
        --ocsp-concurrency=64  concurrent keep-alive connections for the OCSP phase
        --csr-pool=0           CSRs made before the run (0: enough for warm-up + duration)
        --request-log=true     false turns off the service's HTTP request log (diagnosis)
        --database=embedded    or "external": PostgreSQL started by the benchmark and reached
                               by URL through the service's connection pool (diagnosis)
        --venv=<dir>           virtual environment with bin/bao (default: PNC_VENV)
        --service-jar=<jar>    run the service from this jar (default: the class path)
        --service-jvm-args=""  extra JVM options for the service, e.g. "-XX:StartFlightRecording"
        --phases=ca,bao,ocsp,contract  which phases to run (e.g. just "ocsp" while profiling)
        --work-dir=<dir>       where the run keeps configuration, data and logs
      """;

  public static BenchOptions parse(String[] args) {
    Map<String, String> given = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("not an option: " + arg + "\n" + USAGE);
      }
      int eq = arg.indexOf('=');
      if (eq > 0) {
        given.put(arg.substring(2, eq), arg.substring(eq + 1));
      } else if (i + 1 < args.length) {
        given.put(arg.substring(2), args[++i]);
      } else {
        throw new IllegalArgumentException("no value for " + arg + "\n" + USAGE);
      }
    }
    var o = new Lookup(given);
    String venv = o.get("venv", System.getProperty("pnc.venv", env("PNC_VENV", "target/venv")));
    Path work =
        Path.of(
            o.get("work-dir", "ca-service/target/bench/run-" + System.currentTimeMillis() / 1000));
    String jar = o.get("service-jar", "");
    var options =
        new BenchOptions(
            Duration.ofSeconds(o.positive("duration", 20)),
            Duration.ofSeconds(o.number("warmup", 60)),
            o.positive("concurrency", 50),
            o.positive("ocsp-concurrency", 64),
            o.number("csr-pool", 0),
            Boolean.parseBoolean(o.get("request-log", "true")),
            database(o.get("database", "embedded")),
            Path.of(venv).toAbsolutePath(),
            jar.isEmpty() ? Optional.empty() : Optional.of(Path.of(jar).toAbsolutePath()),
            Arrays.stream(o.get("service-jvm-args", "").trim().split("\\s+"))
                .filter(a -> !a.isEmpty())
                .toList(),
            Set.of(o.get("phases", "ca,bao,ocsp,contract").split(",", -1)),
            work.toAbsolutePath());
    if (!given.isEmpty()) {
      throw new IllegalArgumentException("unknown option(s) " + given.keySet() + "\n" + USAGE);
    }
    if (!Set.of("ca", "bao", "ocsp", "contract").containsAll(options.phases())) {
      throw new IllegalArgumentException(
          "--phases takes ca, bao, ocsp, contract: " + options.phases());
    }
    if (!Files.isExecutable(options.venv().resolve("bin/bao"))) {
      throw new IllegalArgumentException(
          "no bao in " + options.venv() + "/bin (scripts/bench prepares it; or set PNC_VENV)");
    }
    return options;
  }

  /** CSRs needed so that no phase makes keys while it is measured. */
  int csrsNeeded() {
    return csrPool > 0
        ? csrPool
        : (int) Math.min(200_000, (warmup.toSeconds() + duration.toSeconds()) * 2_500);
  }

  private static boolean database(String kind) {
    return switch (kind) {
      case "embedded" -> false;
      case "external" -> true;
      default -> throw new IllegalArgumentException("--database is embedded or external: " + kind);
    };
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  /** Takes options out of the given map as they are read, so that leftovers are unknown. */
  private record Lookup(Map<String, String> given) {
    String get(String name, String fallback) {
      String value = given.remove(name);
      if (value != null) {
        return value;
      }
      return env("BENCH_" + name.replace('-', '_').toUpperCase(java.util.Locale.ROOT), fallback);
    }

    int number(String name, int fallback) {
      String value = get(name, Integer.toString(fallback));
      try {
        int n = Integer.parseInt(value.trim());
        if (n < 0) {
          throw new NumberFormatException();
        }
        return n;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--" + name + " must be a whole number >= 0: " + value);
      }
    }

    int positive(String name, int fallback) {
      int n = number(name, fallback);
      if (n == 0) {
        throw new IllegalArgumentException("--" + name + " must be at least 1");
      }
      return n;
    }
  }
}
