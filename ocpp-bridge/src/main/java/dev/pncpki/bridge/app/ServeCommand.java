package dev.pncpki.bridge.app;

import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.UndefinedEnvironmentVariableException;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ServerCommand;
import java.net.BindException;
import java.util.Optional;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * {@code server <config.yml>}: Dropwizard's server command; a start-up failure the operator fixes
 * in the configuration or the environment (an unset {@code ${VARIABLE}}, a missing setting, a port
 * in use) is printed as one line, not as a stack trace.
 */
final class ServeCommand extends ServerCommand<BridgeConfiguration> {
  ServeCommand(Application<BridgeConfiguration> application) {
    super(application);
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    Optional<String> line = fixable(e);
    if (line.isPresent()) {
      cli.getStdErr()
          .printf(
              "pnc-pki ocpp-bridge cannot start (%s): %s%n",
              namespace.getString("file"), line.get());
      cli.getStdErr().flush();
    } else {
      super.onError(cli, namespace, e);
    }
  }

  static Optional<String> fixable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UndefinedEnvironmentVariableException || t instanceof ConfigurationError) {
        return Optional.of(t.getMessage());
      }
      if (t instanceof ConfigurationException) {
        return Optional.of(t.getMessage().strip().replaceAll("\\s*\\n\\s*", "; "));
      }
      if (t instanceof BindException) {
        return Optional.of("a port of the configuration is in use: " + t.getMessage());
      }
    }
    return Optional.empty();
  }
}
