package dev.pncpki.runtime.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pncpki.runtime.postgres.LeftoverPostmaster.ProcessFacts;
import dev.pncpki.runtime.postgres.LeftoverPostmaster.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only a postgres executable working in this very data directory is a server left behind; any other
 * process the lock file names is a stranger and is never stopped.
 */
class LeftoverPostmasterTest {
  @TempDir Path root;

  private static final Path POSTGRES = Path.of("/tmp/embedded-pg/PG-1/bin/postgres");

  @Test
  void aPostgresWorkingInTheDataDirectoryIsLeftRunning() throws Exception {
    Path data = Files.createDirectories(root.resolve("data"));
    Path link = Files.createSymbolicLink(root.resolve("link"), data);
    assertThat(LeftoverPostmaster.judge(facts(POSTGRES, data), data))
        .isEqualTo(Verdict.LEFT_RUNNING);
    // the kernel names the resolved directory; the service may have been given a link to it
    assertThat(LeftoverPostmaster.judge(facts(POSTGRES, data), link))
        .isEqualTo(Verdict.LEFT_RUNNING);
  }

  @Test
  void anythingElseIsAStranger() throws Exception {
    Path data = Files.createDirectories(root.resolve("data"));
    Path other = Files.createDirectories(root.resolve("other"));
    // a postgres of another data directory
    assertThat(LeftoverPostmaster.judge(facts(POSTGRES, other), data)).isEqualTo(Verdict.STRANGER);
    // another program that happens to work there, e.g. a shell
    assertThat(LeftoverPostmaster.judge(facts(Path.of("/bin/bash"), data), data))
        .isEqualTo(Verdict.STRANGER);
    // a process whose details the system does not show (another user's)
    assertThat(LeftoverPostmaster.judge(new ProcessFacts(Optional.empty(), Optional.empty()), data))
        .isEqualTo(Verdict.STRANGER);
    assertThat(
            LeftoverPostmaster.judge(
                new ProcessFacts(Optional.of(POSTGRES), Optional.empty()), data))
        .isEqualTo(Verdict.STRANGER);
    // a working directory that no longer exists
    assertThat(LeftoverPostmaster.judge(facts(POSTGRES, root.resolve("gone")), data))
        .isEqualTo(Verdict.STRANGER);
  }

  @Test
  void noLockFileIsNothingToDoAndAnUnreadableOneIsRemoved() throws Exception {
    Path data = Files.createDirectories(root.resolve("data"));
    assertThat(LeftoverPostmaster.clear(data, java.time.Duration.ofSeconds(1)))
        .isEqualTo(Verdict.NONE);
    Files.write(data.resolve("postmaster.pid"), List.of());
    assertThat(LeftoverPostmaster.clear(data, java.time.Duration.ofSeconds(1)))
        .isEqualTo(Verdict.GONE);
    assertThat(data.resolve("postmaster.pid")).doesNotExist();
  }

  @Test
  void theTestJvmItselfNamedInALockFileIsAStrangerAndKeepsRunning() throws Exception {
    Path data = Files.createDirectories(root.resolve("data"));
    Files.write(
        data.resolve("postmaster.pid"),
        List.of("" + ProcessHandle.current().pid(), data.toString(), "0", "5432"));
    assertThat(LeftoverPostmaster.clear(data, java.time.Duration.ofSeconds(1)))
        .isEqualTo(Verdict.STRANGER);
    assertThat(data.resolve("postmaster.pid")).doesNotExist();
    assertThat(ProcessHandle.current().isAlive()).isTrue();
  }

  private static ProcessFacts facts(Path executable, Path cwd) {
    return new ProcessFacts(Optional.of(executable), Optional.of(cwd));
  }
}
