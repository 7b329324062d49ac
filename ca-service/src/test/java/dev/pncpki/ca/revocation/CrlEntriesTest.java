package dev.pncpki.ca.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CrlEntriesTest {
  private static final RevokedEntry ENTRY =
      new RevokedEntry(
          BigInteger.valueOf(0x1234),
          Instant.parse("2026-12-07T10:00:00Z"),
          RevocationReason.UNSPECIFIED);

  @Test
  void closeDeletesTheFileWhetherOrNotItWasRead() throws Exception {
    CrlEntries read = CrlEntries.create();
    read.add(ENTRY);
    try (InputStream in = read.read()) {
      assertThat(in.readAllBytes()).hasSize((int) read.length());
    }
    read.close();
    assertThatThrownBy(read::read).isInstanceOf(NoSuchFileException.class);

    CrlEntries unread = CrlEntries.create();
    unread.add(ENTRY);
    unread.close();
    assertThatThrownBy(unread::read).isInstanceOf(NoSuchFileException.class);
  }
}
