package dev.pncpki.ca.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pncpki.ca.app.OemPki;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import java.nio.file.Path;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OEM roots provisioning certificates chain to: who changes them, what is a root, audit. */
class TrustAnchorsTest {
  @TempDir Path dir;
  private ContractFixture fixture;
  private TrustAnchors anchors;
  private OemPki oem;

  @BeforeEach
  void anchors() throws Exception {
    fixture = new ContractFixture(dir);
    anchors = new TrustAnchors(fixture.store, fixture.tenants, fixture.clock);
    oem = new OemPki("Anchor OEM", "secp256r1");
  }

  private static void refusedWith(ThrowingCallable call, Refusal refusal) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            RefusedException.class, e -> assertThat(e.refusal()).isEqualTo(refusal));
  }

  @Test
  void anAdminTrustsAnOemRootForOneTenantWithAnAuditEvent() throws Exception {
    var row = anchors.add(ContractFixture.ADMIN, "oem", "oem-a", OemPki.base64(oem.root));

    assertThat(anchors.list(ContractFixture.ADMIN)).containsExactly(row);
    assertThat(anchors.of("oem-a")).containsExactly(row);
    assertThat(anchors.of("oem-b")).isEmpty();
    assertThat(fixture.store.events())
        .anySatisfy(e -> assertThat(e.action()).isEqualTo("trust-anchor-add"));
    refusedWith(
        () -> anchors.add(ContractFixture.ADMIN, "oem", "oem-a", OemPki.base64(oem.root)),
        Refusal.TRUST_ANCHOR_EXISTS);
  }

  @Test
  void onlyAnAdminChangesOrReadsTheAnchors() throws Exception {
    refusedWith(
        () -> anchors.add(ContractFixture.OEM_A, "oem", "oem-a", OemPki.base64(oem.root)),
        Refusal.FORBIDDEN);
    refusedWith(() -> anchors.list(ContractFixture.MO_X), Refusal.FORBIDDEN);
    refusedWith(() -> anchors.remove(ContractFixture.OEM_A, "x"), Refusal.FORBIDDEN);
    assertThat(fixture.store.trustAnchors()).isEmpty();
  }

  @Test
  void anIntermediateAnUnknownTenantOrAnotherPkiIsRefusedAndNothingStored() throws Exception {
    refusedWith(
        () -> anchors.add(ContractFixture.ADMIN, "oem", "oem-a", OemPki.base64(oem.sub1)),
        Refusal.NOT_A_ROOT);
    refusedWith(
        () -> anchors.add(ContractFixture.ADMIN, "oem", "oem-z", OemPki.base64(oem.root)),
        Refusal.MALFORMED_REQUEST);
    refusedWith(
        () -> anchors.add(ContractFixture.ADMIN, "mo", "oem-a", OemPki.base64(oem.root)),
        Refusal.MALFORMED_REQUEST);
    refusedWith(
        () -> anchors.add(ContractFixture.ADMIN, "oem", "oem-a", "not base64!"),
        Refusal.BAD_CERTIFICATE);
    assertThat(fixture.store.trustAnchors()).isEmpty();
  }

  @Test
  void aRemovedAnchorIsGoneAndAnExpiredOneNoLongerCounts() throws Exception {
    var row = anchors.add(ContractFixture.ADMIN, "oem", "oem-a", OemPki.base64(oem.root));
    fixture.clock.advance(Duration.ofDays(8000));
    assertThat(anchors.of("oem-a")).as("expired").isEmpty();

    anchors.remove(ContractFixture.ADMIN, row.id());
    assertThat(anchors.list(ContractFixture.ADMIN)).isEmpty();
    refusedWith(() -> anchors.remove(ContractFixture.ADMIN, row.id()), Refusal.NOT_FOUND);
    assertThat(fixture.store.events())
        .anySatisfy(e -> assertThat(e.action()).isEqualTo("trust-anchor-remove"));
  }
}
