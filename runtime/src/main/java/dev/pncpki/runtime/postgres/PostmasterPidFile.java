package dev.pncpki.runtime.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What PostgreSQL's lock file, {@code postmaster.pid} in the data directory, says: the postmaster's
 * process id, the data directory it serves and its port. PostgreSQL writes it when it starts and
 * removes it when it stops; one left behind names a server that did not stop cleanly, or one that
 * still runs. Its layout is PostgreSQL's own (the {@code LOCK_FILE_LINE_*} numbers of its {@code
 * pidfile.h}): line 1 the pid, line 2 the data directory, line 3 the start time, line 4 the port,
 * then sockets, listen address, shared memory key and status.
 *
 * @param port absent when the file was cut short (a server that died while starting)
 */
record PostmasterPidFile(long pid, Path dataDirectory, OptionalInt port) {
  static final String NAME = "postmaster.pid";

  /** The lock file of {@code dir}, if there is one. */
  static Optional<PostmasterPidFile> read(Path dir) throws IOException {
    try {
      return Optional.of(parse(Files.readAllLines(dir.resolve(NAME), StandardCharsets.UTF_8)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /**
   * @throws IllegalArgumentException when the lines are not a lock file (empty, or no pid first)
   */
  static PostmasterPidFile parse(List<String> lines) {
    if (lines.size() < 2) {
      throw new IllegalArgumentException(
          NAME + " has " + lines.size() + " lines; a server writes at least its pid and directory");
    }
    long pid = number(lines.get(0), "pid");
    if (pid <= 0) {
      throw new IllegalArgumentException(NAME + " names pid " + pid);
    }
    Path directory = Path.of(lines.get(1).strip());
    OptionalInt port =
        lines.size() >= 4 && !lines.get(3).isBlank()
            ? OptionalInt.of((int) number(lines.get(3), "port"))
            : OptionalInt.empty();
    return new PostmasterPidFile(pid, directory, port);
  }

  private static long number(String line, String what) {
    try {
      return Long.parseLong(line.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(NAME + " has no " + what + " where one belongs", e);
    }
  }
}
