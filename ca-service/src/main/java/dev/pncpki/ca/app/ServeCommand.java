package dev.pncpki.ca.app;

import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.UndefinedEnvironmentVariableException;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ServerCommand;
import java.net.BindException;
import java.util.Optional;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * {@code server <config.yml>}: Dropwizard's server command, with the start-up failures an operator
 * fixes by changing the configuration or the environment (an unset {@code ${VARIABLE}}, a
 * configuration that cannot work, a port in use) printed as one line instead of a stack trace.
 */
final class ServeCommand extends ServerCommand<CaConfiguration> {
  ServeCommand(Application<CaConfiguration> application) {
    super(application);
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    Optional<String> line = line(e);
    if (line.isEmpty()) {
      super.onError(cli, namespace, e);
      return;
    }
    cli.getStdErr()
        .println(
            "pnc-pki ca-service cannot start (" + namespace.getString("file") + "): " + line.get());
    cli.getStdErr().flush();
  }

  /** The one line for a failure the operator can fix, if it is one. */
  static Optional<String> line(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UndefinedEnvironmentVariableException) {
        return Optional.of(t.getMessage());
      }
      if (t instanceof StartupRefusal || t instanceof ConfigurationException) {
        return Optional.of(t.getMessage().strip().replaceAll("\\s*\\n\\s*", "; "));
      }
      if (t instanceof BindException) {
        return Optional.of("a port of the configuration is in use: " + t.getMessage());
      }
    }
    return Optional.empty();
  }
}
