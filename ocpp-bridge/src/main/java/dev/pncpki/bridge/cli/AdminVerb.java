package dev.pncpki.bridge.cli;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.net.URI;
import java.util.function.UnaryOperator;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * A verb of the bridge's admin CLI: one call to the admin API, printed as text for people or, with
 * {@code --json}, as the API's JSON for scripts. The token comes from {@code $PNC_BRIDGE_TOKEN}
 * (command lines are visible to other users) or {@code --token}.
 */
abstract class AdminVerb extends Command {
  static final String DEFAULT_URL = "http://127.0.0.1:8180";

  AdminVerb(String name, String description) {
    super(name, description);
  }

  abstract void addArguments(Subparser parser);

  /** {@code --wait}: how long a verb that sends a station a CALL waits for its answer. */
  static void waitArgument(Subparser parser) {
    parser
        .addArgument("--wait")
        .type(Integer.class)
        .setDefault(30)
        .help("seconds to wait for the station's answer (0-60, default 30)");
  }

  abstract AdminClient.Reply call(Namespace namespace, AdminClient client);

  abstract String describe(Namespace namespace, AdminClient.Reply reply);

  @Override
  public final void configure(Subparser parser) {
    parser
        .addArgument("--url")
        .help("the bridge (default: $PNC_BRIDGE_URL, else " + DEFAULT_URL + ")");
    parser.addArgument("--token").help("admin token (default: $PNC_BRIDGE_TOKEN)");
    parser.addArgument("--json").action(Arguments.storeTrue()).help("print the API's JSON");
    addArguments(parser);
  }

  @Override
  public final void run(Bootstrap<?> bootstrap, Namespace namespace) {
    run(namespace, System::getenv, System.out);
  }

  final void run(Namespace namespace, UnaryOperator<String> env, PrintStream out) {
    String url = first(namespace.getString("url"), env.apply("PNC_BRIDGE_URL"), DEFAULT_URL);
    String token = first(namespace.getString("token"), env.apply("PNC_BRIDGE_TOKEN"), null);
    if (token == null) {
      throw new AdminClient.CliFailure("no admin token: set PNC_BRIDGE_TOKEN or pass --token");
    }
    URI uri;
    try {
      uri = URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      throw new AdminClient.CliFailure("--url is not a URL: " + url);
    }
    AdminClient.Reply reply = call(namespace, new AdminClient(uri, token));
    out.print(
        Boolean.TRUE.equals(namespace.getBoolean("json"))
            ? reply.body().stripTrailing() + "\n" // JSON escapes control characters itself
            : Text.terminalSafe(describe(namespace, reply), true));
    out.flush();
    outcome(reply)
        .ifPresent(
            failure -> {
              throw failure;
            });
  }

  /**
   * What the answer means for the exit status: empty when the verb did what was asked. Verbs that
   * send a station a CALL end with the station's answer ({@link Deliveries#outcome}).
   */
  java.util.Optional<AdminClient.CliFailure> outcome(AdminClient.Reply reply) {
    return java.util.Optional.empty();
  }

  private static String first(String a, String b, String fallback) {
    if (a != null && !a.isBlank()) {
      return a;
    }
    return b != null && !b.isBlank() ? b : fallback;
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    cli.getStdErr()
        .println(
            e instanceof AdminClient.CliFailure f
                ? (f.exit() == Exit.STATION_REFUSED || f.exit() == Exit.PENDING ? "" : "error: ")
                    + e.getMessage()
                : "error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    cli.getStdErr().flush();
  }

  /** The exit status for what a verb threw (the application exits with it). */
  public static int exitStatus(Throwable e) {
    return e instanceof AdminClient.CliFailure f ? f.exit().status() : Exit.ERROR.status();
  }
}
