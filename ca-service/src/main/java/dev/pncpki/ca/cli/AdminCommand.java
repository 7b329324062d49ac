package dev.pncpki.ca.cli;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import net.sourceforge.argparse4j.inf.Subparsers;

/**
 * {@code admin <verb>}: the security admin's CLI. It speaks HTTP to a running CA service (the
 * Keywhiz model) and holds no keys or database access; the service authenticates the token and
 * audits every call. Verbs are looked up in a table, each a small {@link ServiceCommand}.
 */
public final class AdminCommand extends Command {
  private static final String VERB = "admin_verb";
  private final Map<String, ServiceCommand> verbs = new LinkedHashMap<>();

  public AdminCommand() {
    this(Clock.systemUTC());
  }

  AdminCommand(Clock clock) {
    super("admin", "Administer a running CA service over its REST API (admin <verb> -h)");
    for (ServiceCommand verb :
        List.of(
            new ListCasCommand(),
            new IssueCommand(),
            new ShowCommand(),
            new RevokeCommand(),
            new ExpiringCommand(clock),
            new PublishCrlCommand(),
            new CaRevokeCommand(),
            new CaAffectedCommand(),
            new VerifyAuditCommand(),
            new AuditCommand(),
            new ContractsCommand(),
            new ContractCommand(),
            new ContractRevokeCommand(),
            new RootsCommand(clock),
            new RootAddCommand(),
            new RootImportCommand(),
            new RootRemoveCommand(),
            new TrustAnchorsCommand(),
            new TrustAnchorAddCommand(),
            new TrustAnchorRemoveCommand(),
            new ProvCertsCommand(),
            new ProvCertCommand(),
            new ProvCertUploadCommand(),
            new ProvCertDeleteCommand())) {
      verbs.put(verb.getName(), verb);
    }
  }

  @Override
  public void configure(Subparser subparser) {
    Subparsers sub = subparser.addSubparsers().title("verbs").metavar("VERB").dest(VERB);
    verbs.values().forEach(v -> v.configure(sub.addParser(v.getName()).help(v.getDescription())));
  }

  @Override
  public void run(Bootstrap<?> bootstrap, Namespace namespace) {
    verbs.get(namespace.getString(VERB)).run(bootstrap, namespace);
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    verbs.get(namespace.getString(VERB)).onError(cli, namespace, e);
  }
}
