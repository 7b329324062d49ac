package dev.pncpki.ca.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.pncpki.ca.api.CertificateJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.MutuallyExclusiveGroup;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code expiring [--before INSTANT | --days N] [--limit N]}: valid certificates to renew. */
final class ExpiringCommand extends ServiceCommand {
  private static final int DEFAULT_DAYS = 30;
  private static final int DEFAULT_LIMIT = 100;
  private final Clock clock;

  ExpiringCommand(Clock clock) {
    super("expiring", "List valid certificates that expire soon, soonest first", true);
    this.clock = clock;
  }

  @Override
  void addArguments(Subparser parser) {
    MutuallyExclusiveGroup when = parser.addMutuallyExclusiveGroup();
    when.addArgument("--before").help("ISO-8601 instant or date, e.g. 2027-01-01T00:00:00Z");
    when.addArgument("--days")
        .type(Integer.class)
        .choices(Arguments.range(0, 36500))
        .help("within this many days from now (default " + DEFAULT_DAYS + ")");
    parser
        .addArgument("--limit")
        .type(Integer.class)
        .choices(Arguments.range(1, 1000))
        .setDefault(DEFAULT_LIMIT)
        .help("at most this many");
  }

  @Override
  ServiceClient.Reply call(Namespace namespace, ServiceClient client) {
    return client.get(
        "/v1/certificates?status=valid&expiringBefore="
            + ServiceClient.encode(before(namespace).toString())
            + "&limit="
            + namespace.getInt("limit"));
  }

  @Override
  String describe(Namespace namespace, ServiceClient.Reply reply) {
    List<CertificateJson> found =
        ServiceClient.JSON.convertValue(reply.json(), new TypeReference<>() {});
    if (found.isEmpty()) {
      return "no valid certificate expires before " + before(namespace) + "\n";
    }
    String table = CertificateText.many(found);
    return found.size() < namespace.getInt("limit")
        ? table
        : table + "(the first " + found.size() + "; raise --limit for more)\n";
  }

  Instant before(Namespace namespace) {
    String before = namespace.getString("before");
    if (before == null) {
      Integer days = namespace.getInt("days");
      return clock
          .instant()
          .plus(Duration.ofDays(days == null ? DEFAULT_DAYS : days))
          .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }
    return Instants.parse("--before", before);
  }
}
