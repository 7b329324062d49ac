package dev.pncpki.runtime.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock file as PostgreSQL 14 writes it, whole, cut short, and broken. */
class PostmasterPidFileTest {
  @TempDir Path dir;

  @Test
  void readsPidDirectoryAndPortOfAWholeFile() throws Exception {
    Files.write(
        dir.resolve("postmaster.pid"),
        List.of(
            "41234",
            "/srv/pnc/data/postgres",
            "1765090000",
            "38511",
            "/tmp",
            "localhost",
            "  5432001    131074",
            "ready   "));
    assertThat(PostmasterPidFile.read(dir))
        .contains(
            new PostmasterPidFile(41234, Path.of("/srv/pnc/data/postgres"), OptionalInt.of(38511)));
  }

  @Test
  void aFileCutShortHasNoPortAndNoFileIsNothing() throws Exception {
    assertThat(PostmasterPidFile.read(dir)).isEmpty();
    assertThat(PostmasterPidFile.parse(List.of("77", "/d", "1765090000")).port()).isEmpty();
  }

  @Test
  void anEmptyOrGarbledFileIsRefused() {
    assertThatThrownBy(() -> PostmasterPidFile.parse(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 lines");
    assertThatThrownBy(() -> PostmasterPidFile.parse(List.of("", "/d")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no pid");
    assertThatThrownBy(() -> PostmasterPidFile.parse(List.of("-5", "/d")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pid -5");
    assertThatThrownBy(() -> PostmasterPidFile.parse(List.of("12", "/d", "1", "port?")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no port");
  }
}
