package dev.pncpki.ca.store;

import dev.pncpki.ca.audit.AuditLog;
import dev.pncpki.ca.issuance.CertificateRow;
import dev.pncpki.ca.issuance.IdempotencyKeyTakenException;
import dev.pncpki.ca.issuance.IssuanceStore;
import dev.pncpki.ca.issuance.IssuerRevokedException;
import dev.pncpki.ca.issuance.PendingRows;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Issuances in PostgreSQL: pending rows and completions each go through a {@link GroupCommit}, the
 * database's refusals (a revoked issuer, trigger V5; an idempotency key used before, its unique
 * constraint) become the store's exceptions. Rows that belong to an issuance are written through
 * the views this store is given, on the round's handle.
 */
public final class JdbiIssuanceStore implements IssuanceStore {
  private final Jdbi jdbi;
  private final Map<Class<?>, Function<Handle, ?>> views;
  private final GroupCommit<Owned> pendings;
  private final GroupCommit<Completion> completions;

  private record Owned(Pending<?> pending, int owner) {}

  /** {@code views}: for each view a {@link PendingRows} writer may ask for, how to make it. */
  public JdbiIssuanceStore(Jdbi jdbi, Map<Class<?>, Function<Handle, ?>> views) {
    this.jdbi = jdbi;
    this.views = Map.copyOf(views);
    this.pendings = new GroupCommit<>(jdbi, this::insertPending);
    this.completions =
        new GroupCommit<>(
            jdbi,
            (h, items) -> {
              IssuanceWrites.complete(
                  h,
                  items.stream()
                      .map(c -> new IssuanceWrites.Completed(c.issuerId(), c.serial(), c.der()))
                      .toList());
              AuditLog.appendAll(h, items.stream().map(Completion::event).toList());
            });
  }

  private void insertPending(Handle h, List<Owned> items) {
    Map<Integer, List<CertificateRow>> byOwner = new LinkedHashMap<>();
    for (Owned o : items) {
      byOwner.computeIfAbsent(o.owner(), x -> new ArrayList<>()).add(o.pending().row());
    }
    byOwner.forEach((owner, rows) -> IssuanceWrites.insertPending(h, rows, owner));
    Map<PendingRows<?>, List<Pending<?>>> byWriter = new LinkedHashMap<>();
    for (Owned o : items) {
      if (o.pending().rows() != null) {
        byWriter.computeIfAbsent(o.pending().rows(), w -> new ArrayList<>()).add(o.pending());
      }
    }
    PendingRows.Transaction transaction = new HandleViews(h);
    byWriter.forEach((writer, pending) -> write(transaction, writer, pending));
  }

  @SuppressWarnings("unchecked") // each Pending holds an item of its own writer's type
  private static <T> void write(
      PendingRows.Transaction transaction, PendingRows<T> writer, List<Pending<?>> pending) {
    writer.write(
        transaction,
        pending.stream().map(p -> new PendingRows.Entry<>(p.row(), (T) p.item())).toList());
  }

  /** The views of one round, on its handle. */
  private final class HandleViews implements PendingRows.Transaction {
    private final Handle handle;

    HandleViews(Handle handle) {
      this.handle = handle;
    }

    @Override
    public <V> V view(Class<V> view) {
      Function<Handle, ?> make = views.get(view);
      if (make == null) {
        throw new IllegalStateException("the issuance store offers no " + view.getSimpleName());
      }
      return view.cast(make.apply(handle));
    }
  }

  @Override
  public void recordPending(Pending<?> pending, int owner) {
    CertificateRow row = pending.row();
    try {
      pendings.commit(new Owned(pending, owner));
    } catch (RuntimeException e) {
      if (IssuanceWrites.issuerRevoked(e)) {
        throw new IssuerRevokedException(row.issuerId(), e);
      }
      if (row.idempotencyKey() != null
          && IssuanceWrites.uniqueViolation(e, IssuanceWrites.IDEMPOTENCY_KEY_CONSTRAINT)) {
        throw new IdempotencyKeyTakenException(row.requester(), row.idempotencyKey(), e);
      }
      throw e;
    }
  }

  @Override
  public void complete(Completion completion) {
    try {
      completions.commit(completion);
    } catch (RuntimeException e) {
      if (IssuanceWrites.issuerRevoked(e)) {
        throw new IssuerRevokedException(completion.issuerId(), e);
      }
      throw e;
    }
  }

  @Override
  public void fail(
      String issuerId, String serial, String why, dev.pncpki.ca.audit.AuditEvent event) {
    jdbi.useTransaction(
        h -> {
          h.attach(CertificateDao.class).fail(issuerId, serial, why);
          AuditLog.append(h, event);
        });
  }

  @Override
  public Optional<CertificateRow> byIdempotencyKey(String requester, String idempotencyKey) {
    return jdbi.withExtension(
        CertificateDao.class, d -> d.findByIdempotencyKey(requester, idempotencyKey));
  }
}
