package dev.pncpki.ca.cli;

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
 * An admin verb that makes one call to the CA service over HTTP and prints the answer: aligned text
 * for people, or with {@code --json} the body exactly as the service sent it, for scripts. It needs
 * no configuration file and no keys; the service checks the token.
 */
abstract class ServiceCommand extends Command {
  static final String DEFAULT_URL = "http://127.0.0.1:8080";
  private final boolean needsToken;

  ServiceCommand(String name, String description, boolean needsToken) {
    super(name, description);
    this.needsToken = needsToken;
  }

  /** The verb's own arguments; the common ones are added already. */
  abstract void addArguments(Subparser parser);

  /** The one call to the service, with any local side effect (a file written) after it. */
  abstract ServiceClient.Reply call(Namespace namespace, ServiceClient client);

  /** The answer as aligned text. */
  abstract String describe(Namespace namespace, ServiceClient.Reply reply);

  /**
   * Runs after printing; throws a {@link CliFailure} with {@link ExitCode#CHECK_FAILED} when the
   * answer is a negative result (a broken audit chain).
   */
  void check(ServiceClient.Reply reply) {}

  @Override
  public final void configure(Subparser parser) {
    parser
        .addArgument("--url")
        .help("the CA service (default: $PNC_URL, else " + DEFAULT_URL + ")");
    parser
        .addArgument("--token")
        .help("API token (default: $PNC_TOKEN, preferred: command lines are visible to others)");
    parser
        .addArgument("--client-keystore")
        .help(
            "PKCS#12 file with the client certificate and key for mutual TLS (password:"
                + " $PNC_CLIENT_KEYSTORE_PASSWORD)");
    parser
        .addArgument("--trust-store")
        .help(
            "PKCS#12 file with the CA of the service's TLS certificate (password:"
                + " $PNC_TRUST_STORE_PASSWORD; default: the JDK's trust)");
    parser
        .addArgument("--json")
        .action(Arguments.storeTrue())
        .help("print the JSON the service returned, unchanged");
    addArguments(parser);
  }

  @Override
  public final void run(Bootstrap<?> bootstrap, Namespace namespace) {
    run(namespace, System::getenv, System.out);
  }

  final void run(Namespace namespace, UnaryOperator<String> environment, PrintStream out) {
    ServiceClient client = connect(namespace, environment);
    if (needsToken && !client.hasToken() && !client.hasClientCertificate()) {
      throw new CliFailure(
          "no credential: pass --client-keystore, or set PNC_TOKEN or pass --token");
    }
    ServiceClient.Reply reply = call(namespace, client);
    if (Boolean.TRUE.equals(namespace.getBoolean("json"))) {
      if (!reply.body().isBlank()) { // a deletion's 204 has no JSON to print
        out.println(reply.body().stripTrailing());
      }
    } else {
      out.print(describe(namespace, reply));
    }
    out.flush();
    check(reply);
  }

  static ServiceClient connect(Namespace namespace, UnaryOperator<String> environment) {
    String url = firstSet(namespace.getString("url"), environment.apply("PNC_URL"), DEFAULT_URL);
    String token = firstSet(namespace.getString("token"), environment.apply("PNC_TOKEN"), null);
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (java.net.URISyntaxException e) {
      throw new CliFailure("--url is not a URL: " + e.getMessage(), e);
    }
    if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
        || uri.getHost() == null
        || uri.getRawUserInfo() != null
        || uri.getRawQuery() != null) {
      throw new CliFailure("--url must be http(s)://host[:port][/path], not " + url);
    }
    String keyStore = namespace.getString("client_keystore");
    String trustStore = namespace.getString("trust_store");
    if (keyStore == null && trustStore == null) {
      return new ServiceClient(uri, token);
    }
    var tls =
        ClientTls.context(
            keyStore,
            password(environment, "PNC_CLIENT_KEYSTORE_PASSWORD"),
            trustStore,
            password(environment, "PNC_TRUST_STORE_PASSWORD"));
    return new ServiceClient(uri, token, tls, keyStore != null);
  }

  private static char[] password(UnaryOperator<String> environment, String variable) {
    String value = environment.apply(variable);
    return value == null ? new char[0] : value.toCharArray();
  }

  private static String firstSet(String first, String second, String fallback) {
    if (first != null && !first.isBlank()) {
      return first;
    }
    return second != null && !second.isBlank() ? second : fallback;
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    // One line an operator or a script can act on, like the ceremony command.
    cli.getStdErr().println(CliFailure.lineFor(e));
    cli.getStdErr().flush();
  }
}
