package dev.pncpki.ca.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pncpki.ca.keys.KeyName;
import dev.pncpki.ca.keys.software.SoftwareKeyBackend;
import dev.pncpki.policies.profile.KeyAlgorithm;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnchorKeyTest {
  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00.1234567Z");
  @TempDir Path dir;

  private SoftwareKeyBackend backend() {
    return new SoftwareKeyBackend(dir, "secret".toCharArray());
  }

  @Test
  void theKeyIsMadeOnFirstUseAndFoundAfter() {
    var first = AnchorKey.of(backend());
    var again = AnchorKey.of(backend());
    assertThat(again.reference()).isEqualTo(first.reference()).isEqualTo("pnc-audit-anchor#1");
    var anchor = first.sign(42, new byte[32], NOW);
    assertThat(again.verifies(anchor)).isTrue();
  }

  @Test
  void aSignedHeadVerifiesAndAnyChangeDoesNot() {
    var key = AnchorKey.of(backend());
    byte[] head = new byte[32];
    head[0] = 7;
    var anchor = key.sign(42, head, NOW);
    assertThat(anchor.signedAt()).isEqualTo(Instant.parse("2026-12-07T12:00:00.123456Z"));
    assertThat(key.verifies(anchor)).isTrue();
    byte[] other = head.clone();
    other[31] = 1;
    assertThat(key.verifies(copy(anchor, 43, head, anchor.signedAt()))).isFalse();
    assertThat(key.verifies(copy(anchor, 42, other, anchor.signedAt()))).isFalse();
    assertThat(key.verifies(copy(anchor, 42, head, anchor.signedAt().plusSeconds(1)))).isFalse();
    var elsewhere =
        new AuditAnchor(42, head, anchor.signedAt(), "pnc-audit-anchor#2", anchor.signature());
    assertThat(key.verifies(elsewhere)).isFalse();
  }

  @Test
  void aKeyOfAnotherTypeUnderTheNameIsRefused() {
    var backend = backend();
    backend.createKey(new KeyName(AnchorKey.NAME), KeyAlgorithm.EC_P521);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AnchorKey.of(backend))
        .hasMessageContaining("EC P-256");
  }

  @Test
  void statementsHaveOneEncodingEach() {
    byte[] a = AuditAnchor.statement(1, new byte[32], NOW);
    byte[] b = AuditAnchor.statement(256, new byte[32], NOW);
    assertThat(a).hasSameSizeAs(b).isNotEqualTo(b);
  }

  private static AuditAnchor copy(AuditAnchor a, long id, byte[] head, Instant at) {
    return new AuditAnchor(id, head, at, a.keyReference(), a.signature());
  }
}
