package dev.pncpki.ca.issuance;

import dev.pncpki.ca.auth.Caller;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.ca.store.CertificateDao;
import dev.pncpki.ca.store.HierarchyDao;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * The certificates whose chains run through one CA: those it issued and those of every CA below it
 * (Sub-CAs, OCSP signers, CPS leaves, station, CSMS and SECC certificates, contracts with their
 * eMAID and PCID). After a Sub-CA is revoked, this is what must be replaced; the OCPP bridge builds
 * its "move the affected stations" campaigns from it. Paged by (issuer, serial).
 */
public final class AffectedCertificates {
  public static final int DEFAULT_LIMIT = 1000;
  public static final int MAX_LIMIT = 10_000;
  private static final Pattern CURSOR =
      Pattern.compile("([a-z0-9][a-z0-9-]{0,58})/([0-9a-f]{1,40})");

  private final Jdbi jdbi;
  private final Hierarchy hierarchy;
  private final Clock clock;

  public AffectedCertificates(Jdbi jdbi, Hierarchy hierarchy, Clock clock) {
    this.jdbi = jdbi;
    this.hierarchy = hierarchy;
    this.clock = clock;
  }

  /** One certificate below the CA, with the CAs between it and the CA (issuer first). */
  public record Affected(AffectedRow row, List<String> path) {}

  /**
   * One page: the CA's own row (its revocation), the valid certificates below it by profile, the
   * certificates of this page and the cursor of the next, if there is more.
   */
  public record Page(
      String caId,
      CertificateRow ca,
      List<ProfileCount> validBelow,
      List<Affected> certificates,
      Optional<String> next) {}

  public Page list(
      Caller caller, String caId, Optional<String> state, Optional<String> after, int limit) {
    Authorization.checkAdmin(caller, "list the certificates below a CA");
    Hierarchy.Authority ca =
        hierarchy
            .find(caId)
            .orElseThrow(() -> new RefusedException(Refusal.NOT_FOUND, "no CA \"" + caId + "\""));
    if (state.isPresent() && !List.of("valid", "revoked", "expired").contains(state.get())) {
      throw new RefusedException(
          Refusal.MALFORMED_REQUEST, "status must be valid, revoked or expired");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new RefusedException(
          Refusal.MALFORMED_REQUEST, "limit must be between 1 and " + MAX_LIMIT);
    }
    String[] cursor = after.map(AffectedCertificates::cursor).orElse(new String[2]);
    Instant now = clock.instant();
    return jdbi.inTransaction(
        h -> {
          var dao = h.attach(HierarchyDao.class);
          List<AffectedRow> rows =
              dao.below(caId, state.orElse(null), now, cursor[0], cursor[1], limit + 1);
          List<Affected> page = new ArrayList<>();
          for (AffectedRow r : rows.subList(0, Math.min(limit, rows.size()))) {
            page.add(new Affected(r, path(r.issuerId(), caId)));
          }
          Optional<String> next =
              rows.size() > limit
                  ? Optional.of(
                      page.get(limit - 1).row().issuerId()
                          + "/"
                          + page.get(limit - 1).row().serial())
                  : Optional.empty();
          CertificateRow own =
              h.attach(CertificateDao.class).find(ca.rowIssuerId(), ca.serial()).orElseThrow();
          return new Page(caId, own, dao.validBelow(caId, now), page, next);
        });
  }

  /** The CAs from {@code issuerId} up to, including, {@code caId}. */
  private List<String> path(String issuerId, String caId) {
    List<String> path = new ArrayList<>();
    Optional<Hierarchy.Authority> a = hierarchy.find(issuerId);
    while (a.isPresent()) {
      path.add(a.get().id());
      if (a.get().id().equals(caId)) {
        break;
      }
      a = a.get().issuerId().flatMap(hierarchy::find);
    }
    return path;
  }

  private static String[] cursor(String after) {
    var m = CURSOR.matcher(after);
    if (!m.matches()) {
      throw new RefusedException(
          Refusal.MALFORMED_REQUEST,
          "after must be issuer/serial as the previous page's next gave it, not \"" + after + "\"");
    }
    return new String[] {m.group(1), m.group(2)};
  }
}
