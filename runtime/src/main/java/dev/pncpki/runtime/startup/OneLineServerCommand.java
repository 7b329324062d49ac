package dev.pncpki.runtime.startup;

import dev.pncpki.runtime.postgres.DataDirectoryInUseException;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.UndefinedEnvironmentVariableException;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ServerCommand;
import java.net.BindException;
import java.util.List;
import java.util.Optional;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * {@code server <config.yml>}: Dropwizard's server command, with the start-up failures an operator
 * fixes by changing the configuration or the environment printed as one line instead of a stack
 * trace: an unset {@code ${VARIABLE}}, a configuration that does not parse, a port in use, an
 * embedded database directory another process uses, and the service's own refusals (the exception
 * types it names). Anything else keeps its trace: it is a defect.
 */
public final class OneLineServerCommand<T extends Configuration> extends ServerCommand<T> {
  private final String service;
  private final List<Class<? extends RuntimeException>> refusals;

  /**
   * @param service how the line names the service, e.g. "pnc-pki ca-service"
   * @param refusals the service's own exceptions whose message is the line
   */
  @SafeVarargs
  public OneLineServerCommand(
      Application<T> application, String service, Class<? extends RuntimeException>... refusals) {
    super(application);
    this.service = service;
    this.refusals = List.of(refusals);
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    Optional<String> line = line(e, refusals);
    if (line.isEmpty()) {
      super.onError(cli, namespace, e);
      return;
    }
    cli.getStdErr()
        .printf("%s cannot start (%s): %s%n", service, namespace.getString("file"), line.get());
    cli.getStdErr().flush();
  }

  /** The one line for a failure the operator can fix, if it is one. */
  public static Optional<String> line(
      Throwable e, List<Class<? extends RuntimeException>> refusals) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      Throwable cause = t;
      if (t instanceof UndefinedEnvironmentVariableException
          || t instanceof DataDirectoryInUseException
          || refusals.stream().anyMatch(r -> r.isInstance(cause))) {
        return Optional.of(oneLine(t.getMessage()));
      }
      if (t instanceof ConfigurationException) {
        return Optional.of(oneLine(t.getMessage()));
      }
      if (t instanceof BindException) {
        return Optional.of("a port of the configuration is in use: " + t.getMessage());
      }
    }
    return Optional.empty();
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.strip().replaceAll("\\s*\\n\\s*", "; ");
  }
}
