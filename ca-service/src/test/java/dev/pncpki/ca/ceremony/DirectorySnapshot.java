package dev.pncpki.ca.ceremony;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Names, sizes, times and hashes of every file in a folder, to prove a re-run changed nothing. */
final class DirectorySnapshot {
  private DirectorySnapshot() {}

  static String of(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().map(DirectorySnapshot::describe).collect(Collectors.joining("\n"));
    }
  }

  private static String describe(Path file) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
      return file.getFileName()
          + " "
          + Files.getLastModifiedTime(file)
          + " "
          + HexFormat.of().formatHex(hash);
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
