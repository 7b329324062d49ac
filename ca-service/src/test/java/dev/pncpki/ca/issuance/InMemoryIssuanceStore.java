package dev.pncpki.ca.issuance;

import dev.pncpki.ca.audit.AuditEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The issuance store in memory, for unit tests of the domain: the same refusals as the database (an
 * idempotency key used before, a revoked issuer), one issuance per transaction, and the audit
 * events it would have written. Views for {@link PendingRows} writers are given by the test.
 */
public final class InMemoryIssuanceStore implements IssuanceStore, CertificateStore {
  private final Map<String, CertificateRow> rows = new LinkedHashMap<>();
  private final Map<String, Integer> owners = new LinkedHashMap<>();
  private final List<AuditEvent> events = new ArrayList<>();
  private final Set<String> revokedIssuers = new HashSet<>();
  private final Map<Class<?>, Object> views = new LinkedHashMap<>();

  /** Offers {@code view} to the writers of rows that belong to issuances. */
  public <V> InMemoryIssuanceStore with(Class<V> type, V view) {
    views.put(type, view);
    return this;
  }

  @Override
  public synchronized void recordPending(Pending<?> pending, int owner) {
    CertificateRow row = pending.row();
    if (revokedIssuers.contains(row.issuerId())) {
      throw new IssuerRevokedException(row.issuerId(), null);
    }
    if (row.idempotencyKey() != null
        && byIdempotencyKey(row.requester(), row.idempotencyKey()).isPresent()) {
      throw new IdempotencyKeyTakenException(row.requester(), row.idempotencyKey(), null);
    }
    if (rows.containsKey(key(row.issuerId(), row.serial()))) {
      throw new IllegalStateException("serial " + row.serial() + " recorded twice");
    }
    rows.put(key(row.issuerId(), row.serial()), row);
    try {
      write(pending);
    } catch (RuntimeException e) {
      rows.remove(key(row.issuerId(), row.serial())); // the transaction rolls back
      throw e;
    }
    owners.put(key(row.issuerId(), row.serial()), owner);
  }

  private <T> void write(Pending<T> pending) {
    if (pending.rows() != null) {
      PendingRows.Transaction transaction =
          new PendingRows.Transaction() {
            @Override
            public <V> V view(Class<V> type) {
              return type.cast(
                  Optional.ofNullable(views.get(type))
                      .orElseThrow(() -> new IllegalStateException("no view " + type)));
            }
          };
      pending
          .rows()
          .write(transaction, List.of(new PendingRows.Entry<>(pending.row(), pending.item())));
    }
  }

  @Override
  public synchronized void complete(Completion completion) {
    CertificateRow row = rows.get(key(completion.issuerId(), completion.serial()));
    if (row == null || row.status() != IssuanceState.PENDING) {
      throw new IssuanceAbandonedException(completion.issuerId(), completion.serial());
    }
    if (revokedIssuers.contains(completion.issuerId())) {
      throw new IssuerRevokedException(completion.issuerId(), null);
    }
    rows.put(
        key(row.issuerId(), row.serial()), with(row, IssuanceState.ISSUED, completion.der(), null));
    events.add(completion.event());
  }

  @Override
  public synchronized void fail(String issuerId, String serial, String why, AuditEvent event) {
    CertificateRow row = rows.get(key(issuerId, serial));
    if (row != null && row.status() == IssuanceState.PENDING) {
      rows.put(key(issuerId, serial), with(row, IssuanceState.FAILED, null, why));
    }
    events.add(event);
  }

  @Override
  public synchronized Optional<CertificateRow> byIdempotencyKey(String requester, String key) {
    return rows.values().stream()
        .filter(r -> requester.equals(r.requester()) && key.equals(r.idempotencyKey()))
        .findFirst();
  }

  @Override
  public synchronized Optional<CertificateRow> find(String issuerId, String serial) {
    return Optional.ofNullable(rows.get(key(issuerId, serial)));
  }

  @Override
  public synchronized List<CertificateRow> findBySerial(String serial) {
    return rows.values().stream().filter(r -> r.serial().equals(serial)).toList();
  }

  @Override
  public synchronized List<CertificateRow> search(Search search) {
    return rows.values().stream()
        .filter(CertificateRow::issued)
        .filter(r -> search.commonName().map(cn -> cn.equals(r.subjectCn())).orElse(true))
        .limit(search.limit())
        .toList();
  }

  @Override
  public synchronized boolean revoke(Revocation r) {
    CertificateRow row = rows.get(key(r.issuerId(), r.serial()));
    if (row == null || !row.issued() || row.revokedAt() != null) {
      return false;
    }
    rows.put(
        key(r.issuerId(), r.serial()),
        new CertificateRow(
            row.issuerId(),
            row.serial(),
            row.profile(),
            row.subjectCn(),
            row.status(),
            row.requester(),
            row.idempotencyKey(),
            row.requestSha256(),
            row.createdAt(),
            row.notBefore(),
            row.notAfter(),
            row.certificate(),
            row.failure(),
            r.at(),
            (short) r.reason().code()));
    events.add(r.event());
    return true;
  }

  @Override
  public synchronized Optional<List<ProfileCount>> revokeAuthority(
      String caId,
      java.util.function.Supplier<Revocation> revocation,
      Function<List<ProfileCount>, AuditEvent> audit) {
    revokedIssuers.add(caId);
    if (!revoke(revocation.get())) {
      return Optional.empty();
    }
    events.add(audit.apply(List.of()));
    return Optional.of(List.of());
  }

  /** The database refuses issuances under {@code issuerId} from now on (as trigger V5 does). */
  public synchronized void revokeIssuer(String issuerId) {
    revokedIssuers.add(issuerId);
  }

  /** What crash recovery does to every pending row: fails it. */
  public synchronized void failAllPending(String why) {
    rows.replaceAll(
        (k, r) ->
            r.status() == IssuanceState.PENDING ? with(r, IssuanceState.FAILED, null, why) : r);
  }

  public synchronized List<CertificateRow> rows() {
    return List.copyOf(rows.values());
  }

  public synchronized List<CertificateRow> rows(IssuanceState state) {
    return rows.values().stream().filter(r -> r.status() == state).toList();
  }

  public synchronized List<AuditEvent> events() {
    return List.copyOf(events);
  }

  public synchronized Optional<Integer> owner(CertificateRow row) {
    return Optional.ofNullable(owners.get(key(row.issuerId(), row.serial())));
  }

  private static String key(String issuerId, String serial) {
    return issuerId + "/" + serial;
  }

  private static CertificateRow with(
      CertificateRow r, IssuanceState state, byte[] der, String why) {
    return new CertificateRow(
        r.issuerId(),
        r.serial(),
        r.profile(),
        r.subjectCn(),
        state,
        r.requester(),
        r.idempotencyKey(),
        r.requestSha256(),
        r.createdAt(),
        r.notBefore(),
        r.notAfter(),
        der,
        why,
        r.revokedAt(),
        r.revocationReason());
  }
}
