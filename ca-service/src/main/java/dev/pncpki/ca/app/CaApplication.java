package dev.pncpki.ca.app;

import dev.pncpki.ca.ceremony.Ceremony;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CA service: {@code server <config.yml>} runs it, {@code ceremony <config.yml>} sets it up.
 */
public final class CaApplication extends Application<CaConfiguration> {
  private static final Logger LOG = LoggerFactory.getLogger(CaApplication.class);

  public static void main(String[] args) throws Exception {
    new CaApplication().run(args);
  }

  @Override
  public String getName() {
    return "pnc-pki ca-service";
  }

  @Override
  public void initialize(Bootstrap<CaConfiguration> bootstrap) {
    bootstrap.setConfigurationSourceProvider(
        new SubstitutingSourceProvider(
            bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
    bootstrap.addCommand(new CeremonyCommand());
  }

  @Override
  public void run(CaConfiguration config, Environment environment) {
    var backend = config.keys().build();
    LOG.warn("Key backend: {}", config.keys().describe());
    Path directory = Path.of(config.hierarchy().directory());
    if (config.hierarchy().ceremonyOnStart()) {
      var plan = PlanSource.load(config.hierarchy().plan());
      var outcomes =
          new Ceremony(backend, directory, Clock.systemUTC(), new SecureRandom()).run(plan);
      long created = outcomes.stream().filter(Ceremony.Outcome::created).count();
      LOG.info(
          "Ceremony: {} certificates created, {} in place, in {}",
          created,
          outcomes.size() - created,
          directory);
    }
    environment.jersey().register(new CaResource(directory));
  }
}
