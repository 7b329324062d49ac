package dev.pncpki.ca.app;

import dev.pncpki.ca.ceremony.Ceremony;
import dev.pncpki.ca.ceremony.CeremonyPlan;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code ceremony <config.yml> [--plan plan.yaml]}: creates the CA hierarchy with keys in the
 * configured backend. Safe to repeat; prints what it created and what it found in place.
 */
public final class CeremonyCommand extends ConfiguredCommand<CaConfiguration> {

  public CeremonyCommand() {
    super("ceremony", "Create the CA hierarchy described by a ceremony plan (idempotent)");
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser
        .addArgument("--plan")
        .help("ceremony plan (YAML); default: hierarchy.plan or the demo");
  }

  @Override
  protected void run(
      Bootstrap<CaConfiguration> bootstrap, Namespace namespace, CaConfiguration config) {
    CeremonyPlan plan = plan(namespace, config);
    System.out.println("Key backend: " + config.keys().describe());
    for (Ceremony.Outcome o : ceremony(config).run(plan)) {
      if (o.request().isPresent()) {
        System.out.printf(
            "%-8s %-28s %-34s key %s request %s (for the external root operator to sign)%n",
            o.created() ? "created" : "exists", o.id(), o.profile(), o.key(), o.request().get());
        continue;
      }
      System.out.printf(
          "%-8s %-28s %-34s key %s serial %s%n",
          o.created() ? "created" : "exists", o.id(), o.profile(), o.key(), o.serial());
    }
    System.out.println("Hierarchy in " + config.hierarchy().directory());
  }

  /**
   * The plan {@code --plan} names, else the configured one or the demo, read against the folder.
   */
  static CeremonyPlan plan(Namespace namespace, CaConfiguration config) {
    String planFile =
        namespace.getString("plan") != null
            ? namespace.getString("plan")
            : config.hierarchy().plan();
    return PlanSource.load(
        planFile, PublicUrls.of(config).uri(), Path.of(config.hierarchy().directory()));
  }

  /** The ceremony on the configured key backend and hierarchy folder. */
  static Ceremony ceremony(CaConfiguration config) {
    return new Ceremony(
        config.keys().build(),
        Path.of(config.hierarchy().directory()),
        Clock.systemUTC(),
        new SecureRandom());
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    // One line an operator can act on; the stack trace helps nobody at a ceremony.
    cli.getStdErr().println("ceremony failed: " + e.getMessage());
  }
}
