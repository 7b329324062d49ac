package dev.pncpki.bridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {
  @TempDir Path dir;

  @Test
  void aSealedSecretOpensOnlyForItsStationAndWithItsKey() throws Exception {
    Path file = dir.resolve("keys/bridge-secret.key");
    SecretBox box = SecretBox.fromFile(file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    byte[] sealed = box.seal("new-password-0001", "CS-1");
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("new-password");
    assertThat(box.open(sealed, "CS-1")).isEqualTo("new-password-0001");
    assertThat(SecretBox.fromFile(file).open(sealed, "CS-1")).isEqualTo("new-password-0001");
    // moved to another station's row, or opened with another key: refused
    assertThatThrownBy(() -> box.open(sealed, "CS-2")).isInstanceOf(IllegalStateException.class);
    SecretBox other = SecretBox.fromFile(dir.resolve("other.key"));
    assertThatThrownBy(() -> other.open(sealed, "CS-1")).isInstanceOf(IllegalStateException.class);
    assertThat(box.seal("same", "CS-1")).isNotEqualTo(box.seal("same", "CS-1")); // random nonce
  }

  @Test
  void aKeyFileThatIsNotAKeyIsRefusedWithItsName() throws Exception {
    Path file = dir.resolve("bad.key");
    Files.writeString(file, "dG9vIHNob3J0\n");
    assertThatThrownBy(() -> SecretBox.fromFile(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad.key")
        .hasMessageContaining("32 bytes");
  }

  @Test
  void instancesStartingTogetherAgreeOnOneKeyAndLeaveNoTemporaryFile() throws Exception {
    Path file = dir.resolve("shared/bridge-secret.key");
    java.util.List<java.util.concurrent.Future<SecretBox>> boxes = new java.util.ArrayList<>();
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < 8; i++) {
        boxes.add(pool.submit(() -> SecretBox.fromFile(file)));
      }
    }
    byte[] sealed = boxes.get(0).get().seal("one-key-for-all-01", "CS-1");
    for (var box : boxes) {
      assertThat(box.get().open(sealed, "CS-1")).isEqualTo("one-key-for-all-01");
    }
    try (var left = Files.list(file.getParent())) {
      assertThat(left).containsExactly(file);
    }
  }
}
