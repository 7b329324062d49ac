package dev.pncpki.ca.cli;

import dev.pncpki.ca.app.CaApplication;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code java -jar ca-service.jar admin <args>} run in-process through Dropwizard's {@link Cli},
 * with what it printed and the failure it ended with (which {@link CaApplication} turns into the
 * exit status).
 */
final class AdminCliRun {
  private static final Pattern ACCESS_LOG = Pattern.compile("\\S+ - \\S+ \\[[^]]+\\] \"");

  record Run(Optional<Throwable> failure, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }

    /** The status the process would exit with. */
    int exitStatus() {
      return failure.map(ExitCode::of).orElse(ExitCode.SUCCESS.status());
    }
  }

  private AdminCliRun() {}

  /** Runs {@code admin <args>}, adding {@code --url} and {@code --token} unless they are given. */
  static Run admin(String url, String token, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (!all.contains("--url")) {
      all.addAll(List.of("--url", url));
    }
    if (!all.contains("--token")) {
      all.addAll(List.of("--token", token));
    }
    return cli(all);
  }

  private static Run cli(List<String> args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    var app = new CaApplication();
    var bootstrap = new Bootstrap<>(app);
    app.initialize(bootstrap);
    var cli =
        new Cli(
            new JarLocation(AdminCliRun.class),
            bootstrap,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    List<String> argv = new ArrayList<>(List.of("admin"));
    argv.addAll(args);
    Optional<Throwable> failure;
    PrintStream console = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8)); // the verbs print here
    try {
      failure = cli.run(argv.toArray(String[]::new));
    } finally {
      System.setOut(console);
    }
    return new Run(
        failure,
        withoutAccessLog(out.toString(StandardCharsets.UTF_8)),
        err.toString(StandardCharsets.UTF_8));
  }

  /** The in-process service logs requests to System.out too; a real admin runs apart from it. */
  private static String withoutAccessLog(String out) {
    return out.lines()
        .filter(l -> !ACCESS_LOG.matcher(l).lookingAt())
        .map(l -> l + "\n")
        .collect(Collectors.joining());
  }
}
