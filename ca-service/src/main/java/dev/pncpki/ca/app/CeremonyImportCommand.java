package dev.pncpki.ca.app;

import dev.pncpki.ca.ceremony.Ceremony;
import dev.pncpki.ca.ceremony.CeremonyPlan;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.nio.file.Path;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code ceremony-import <config.yml> --id ID --certificate signed.pem --chain chain.pem
 * --root-fingerprint SHA256 [--plan plan.yaml]}: takes in the certificate an external root operator
 * signed for an external Sub-CA of the plan, after checking it and its chain.
 */
public final class CeremonyImportCommand extends ConfiguredCommand<CaConfiguration> {

  public CeremonyImportCommand() {
    super(
        "ceremony-import",
        "Take in the certificate an external root operator signed for an external Sub-CA");
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser
        .addArgument("--plan")
        .help(
            "ceremony plan (YAML) that lists the Sub-CA with external: true; default: hierarchy.plan");
    subparser.addArgument("--id").required(true).help("the external Sub-CA's id in the plan");
    subparser
        .addArgument("--certificate")
        .required(true)
        .help("the certificate the root operator signed (PEM)");
    subparser
        .addArgument("--chain")
        .required(true)
        .help("the root operator's certificates up to its root (PEM bundle)");
    subparser
        .addArgument("--root-fingerprint")
        .required(true)
        .help("the SHA-256 fingerprint of the operator's root, as confirmed with the operator");
  }

  @Override
  protected void run(
      Bootstrap<CaConfiguration> bootstrap, Namespace namespace, CaConfiguration config) {
    CeremonyPlan plan = CeremonyCommand.plan(namespace, config);
    Ceremony ceremony = CeremonyCommand.ceremony(config);
    var written =
        ceremony.importExternal(
            plan,
            namespace.getString("id"),
            Path.of(namespace.getString("certificate")),
            Path.of(namespace.getString("chain")),
            namespace.getString("root_fingerprint"));
    System.out.println("imported " + String.join(" <- ", written.reversed()));
    System.out.println(
        "The CA uses the chain once its root is in the root certificate pool (bin/pnc-ca admin"
            + " root-add) and it has started again; run the ceremony for what goes under it.");
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    cli.getStdErr().println("ceremony-import failed: " + e.getMessage());
  }
}
