package dev.pncpki.ca.app;

import dev.pncpki.ca.issuance.Hierarchy;
import dev.pncpki.ca.issuance.ProfileCount;
import dev.pncpki.ca.issuance.RevocationListener;
import dev.pncpki.ca.revocation.OcspResponder;
import dev.pncpki.ca.store.HierarchyDao;
import dev.pncpki.policies.profile.ProfileId;
import io.dropwizard.lifecycle.Managed;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the hierarchy's revoked CAs in step with the database. This instance's own revocations are
 * taken at once; those made through other instances at the next reload, every {@link #RELOAD}. The
 * database refuses issuance under a revoked CA on every instance at once whatever this instance
 * knows (V5's trigger); what the reload brings is the issuer choice, the CA list and the OCSP
 * signer: a revoked delegated OCSP signer signs nothing more, its CA's next live signer (or the CA
 * itself) takes over, because an id-pkix-ocsp-nocheck signer cannot be checked by those who rely on
 * it (RFC 6960 4.2.2.2.1).
 */
final class HierarchyRevocations implements RevocationListener, Managed {
  private static final Logger LOG = LoggerFactory.getLogger(HierarchyRevocations.class);
  static final Duration RELOAD = Duration.ofSeconds(30);

  private final Jdbi jdbi;
  private final Hierarchy hierarchy;
  private final OcspResponder ocsp;
  private final Clock clock;
  private final ScheduledExecutorService reloader =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().name("hierarchy-reload").daemon().unstarted(r));

  HierarchyRevocations(Jdbi jdbi, Hierarchy hierarchy, OcspResponder ocsp, Clock clock) {
    this.jdbi = jdbi;
    this.hierarchy = hierarchy;
    this.ocsp = ocsp;
    this.clock = clock;
  }

  @Override
  public synchronized void revoked(String issuerId, BigInteger serial) {
    hierarchy
        .byRow(issuerId, serial.toString(16))
        .filter(a -> !hierarchy.isRevoked(a.id()))
        .ifPresent(
            a -> {
              hierarchy.markRevoked(a.id());
              took(List.of(a.id()));
            });
  }

  /** Reads which CAs are revoked from the database; returns those newly seen. */
  synchronized Set<String> reload() {
    Set<String> before = new HashSet<>();
    hierarchy.all().stream()
        .filter(a -> hierarchy.isRevoked(a.id()))
        .forEach(a -> before.add(a.id()));
    List<String> now = jdbi.withExtension(HierarchyDao.class, HierarchyDao::revokedAuthorities);
    hierarchy.revokedAre(now);
    Set<String> added = new HashSet<>(now);
    added.removeAll(before);
    took(List.copyOf(added));
    return added;
  }

  /** What follows from revoked CAs: a warning each, and another signer where one was revoked. */
  private void took(List<String> revoked) {
    for (String id : revoked) {
      var a = hierarchy.find(id).orElseThrow();
      if (a.profile().id() == ProfileId.OCSP_SIGNER) {
        var ca = hierarchy.find(a.issuerId().orElseThrow()).orElseThrow();
        var next = IssuingCas.of(hierarchy, ca, clock.instant());
        ocsp.replaceSigner(next);
        LOG.warn(
            "OCSP signer {} of {} is revoked; {} signs its OCSP answers now",
            id,
            ca.id(),
            next.signsItsOwnOcsp() ? ca.id() + " itself" : "its next signer");
      } else {
        var valid = jdbi.withExtension(HierarchyDao.class, d -> d.validBelow(id, clock.instant()));
        LOG.warn(
            "CA {} is revoked and issues nothing more; {} valid certificates chain through it ({});"
                + " list them with: bin/pnc-ca admin ca-affected {}",
            id,
            valid.stream().mapToLong(ProfileCount::count).sum(),
            ProfileCount.describe(valid),
            id);
      }
    }
  }

  @Override
  public void start() {
    reload();
    hierarchy.all().stream()
        .filter(a -> hierarchy.isRevoked(a.id()))
        .forEach(a -> LOG.warn("CA {} of this hierarchy is revoked and issues nothing", a.id()));
    long period = RELOAD.toMillis();
    reloader.scheduleWithFixedDelay(
        () -> {
          try {
            reload();
          } catch (RuntimeException e) {
            LOG.warn("hierarchy revocations not reloaded, will retry: {}", e.getMessage());
          }
        },
        period,
        period,
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    reloader.shutdownNow();
  }
}
