package dev.pncpki.bridge.cli;

import io.dropwizard.core.cli.Command;
import java.util.ArrayList;
import java.util.List;

/** Every verb of the bridge's admin CLI, in the order {@code -h} lists them. */
public final class AdminVerbs {
  private AdminVerbs() {}

  public static List<Command> all() {
    List<Command> verbs = new ArrayList<>();
    verbs.add(StationsCommand.all());
    verbs.add(StationsCommand.one());
    verbs.addAll(StationAdminCommand.all());
    verbs.add(new V2gRootCommand());
    verbs.addAll(CredentialCommand.all());
    verbs.addAll(LogCommand.all());
    verbs.add(new RenewCommand());
    verbs.add(RootCommand.list());
    verbs.add(RootCommand.install());
    verbs.add(RootCommand.delete());
    verbs.add(DeliveryCommand.delivery());
    verbs.add(DeliveryCommand.events());
    verbs.add(new AuditCommand());
    verbs.addAll(CampaignCommand.all());
    return verbs;
  }

  /** The exit status for what a command threw: the admin verbs' own, else 1. */
  public static int exitStatus(Throwable e) {
    return AdminVerb.exitStatus(e);
  }
}
