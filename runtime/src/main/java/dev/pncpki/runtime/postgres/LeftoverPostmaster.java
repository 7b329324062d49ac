package dev.pncpki.runtime.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server left behind in the data directory by a service that ended without stopping it
 * (SIGKILL, the kernel's OOM killer, a crash of the JVM). The embedded server is a process of its
 * own, started through pg_ctl, and outlives the JVM that started it; it keeps the lock file {@code
 * postmaster.pid}, the data directory and the port, and the next start of the service would fail on
 * them. Before the next start this class finds it and stops it.
 *
 * <p>It stops only a server of this data directory: the process the lock file names must be a
 * {@code postgres} executable whose working directory is the data directory (PostgreSQL changes
 * into its data directory when it starts). A lock file naming a process that is gone is left to
 * PostgreSQL, which removes such a file itself; one naming a process that is something else (its
 * pid was reused after a reboot or in a new container) is removed, because PostgreSQL would refuse
 * to start over it. The caller must have made sure no live service uses the directory ({@link
 * EmbeddedDatabase} checks the library's lock on it first): a server that still has its service is
 * not left behind.
 */
final class LeftoverPostmaster {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

  /** What the lock file's process is to this data directory. */
  enum Verdict {
    /** No lock file: the server stopped cleanly, or never ran. */
    NONE,
    /** The process is gone: PostgreSQL recovers from its write-ahead log and starts. */
    GONE,
    /** A postgres server of this data directory, left running. */
    LEFT_RUNNING,
    /** A live process that is not a server of this directory: never touched. */
    STRANGER
  }

  /** What the system tells of a live process. */
  record ProcessFacts(Optional<Path> executable, Optional<Path> workingDirectory) {
    static ProcessFacts of(ProcessHandle process) {
      Optional<Path> cwd;
      try {
        // PostgreSQL's postmaster works in its data directory (Linux names it here)
        cwd = Optional.of(Files.readSymbolicLink(Path.of("/proc", "" + process.pid(), "cwd")));
      } catch (IOException | UnsupportedOperationException | SecurityException e) {
        // another user's process, or a system without /proc. Not a server of this directory:
        // PostgreSQL runs only as the owner of its data directory (mode 0700), which is the user
        // running this service, and a process of one's own user shows its cwd
        cwd = Optional.empty();
      }
      return new ProcessFacts(process.info().command().map(Path::of), cwd);
    }
  }

  private LeftoverPostmaster() {}

  /** Whether a process with {@code facts} is a postgres server working in {@code dir}. */
  static Verdict judge(ProcessFacts facts, Path dir) {
    boolean postgres =
        facts
            .executable()
            .map(e -> String.valueOf(e.getFileName()).equals("postgres"))
            .orElse(false);
    boolean here = facts.workingDirectory().map(cwd -> sameFile(cwd, dir)).orElse(false);
    return postgres && here ? Verdict.LEFT_RUNNING : Verdict.STRANGER;
  }

  /**
   * Makes {@code dir} startable: stops a server of its own left running, removes a lock file that
   * names another program. Returns what it found.
   */
  static Verdict clear(Path dir, Duration patience) throws IOException, InterruptedException {
    Optional<PostmasterPidFile> file;
    try {
      file = PostmasterPidFile.read(dir);
    } catch (IllegalArgumentException e) {
      // a file cut short by a crash while the server was starting; PostgreSQL refuses to start
      // over it ("lock file is empty"), and with no pid in it no server can be found by it
      LOG.warn(
          "{} in {} cannot be read ({}); removing it", PostmasterPidFile.NAME, dir, e.getMessage());
      Files.deleteIfExists(dir.resolve(PostmasterPidFile.NAME));
      return Verdict.GONE;
    }
    if (file.isEmpty()) {
      return Verdict.NONE;
    }
    long pid = file.get().pid();
    Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (process.isEmpty()) {
      LOG.warn(
          "PostgreSQL in {} did not stop cleanly (its pid {} is gone); it recovers as it starts",
          dir,
          pid);
      return Verdict.GONE;
    }
    ProcessFacts facts = ProcessFacts.of(process.get());
    Verdict verdict = judge(facts, dir);
    if (verdict == Verdict.STRANGER) {
      LOG.warn(
          "{} in {} names pid {}, which is not a server of this directory ({} working in {});"
              + " leaving that process alone and removing the stale file",
          PostmasterPidFile.NAME,
          dir,
          pid,
          facts.executable().map(Path::toString).orElse("a program not shown"),
          facts.workingDirectory().map(Path::toString).orElse("a directory not shown"));
      Files.deleteIfExists(dir.resolve(PostmasterPidFile.NAME));
      return verdict;
    }
    LOG.warn(
        "PostgreSQL of {} is still running (pid {}, port {}): its service ended without stopping"
            + " it; stopping it before starting again",
        dir,
        pid,
        file.get().port().isPresent() ? "" + file.get().port().getAsInt() : "unknown");
    stop(process.get(), dir, patience);
    return verdict;
  }

  /**
   * Fast shutdown through pg_ctl; failing that SIGTERM (PostgreSQL's smart shutdown: its clients
   * died with their service), and SIGKILL after {@code patience}. Then waits for the server's other
   * processes, because a new server refuses to start while one of them holds the old one's shared
   * memory.
   */
  private static void stop(ProcessHandle postmaster, Path dir, Duration patience)
      throws InterruptedException {
    List<ProcessHandle> children = postmaster.descendants().toList();
    Optional<PgCtl> pgCtl = postmaster.info().command().map(Path::of).flatMap(PgCtl::beside);
    boolean stopped =
        pgCtl.isPresent() && pgCtl.get().stop(dir, patience) && ended(postmaster, patience);
    if (!stopped) {
      postmaster.destroy();
      if (!ended(postmaster, patience)) {
        LOG.warn(
            "PostgreSQL (pid {}) did not stop within {}; killing it", postmaster.pid(), patience);
        postmaster.destroyForcibly();
        ended(postmaster, patience);
      }
    }
    for (ProcessHandle child : children) {
      if (!ended(child, patience)) {
        child.destroyForcibly();
      }
    }
  }

  static boolean ended(ProcessHandle process, Duration patience) throws InterruptedException {
    try {
      process.onExit().get(patience.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return !process.isAlive();
    }
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }
}
