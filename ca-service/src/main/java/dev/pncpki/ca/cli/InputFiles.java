package dev.pncpki.ca.cli;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** PEM files the admin names on the command line, read with a one-line reason when they fail. */
final class InputFiles {
  private static final Pattern CERTIFICATE =
      Pattern.compile("-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\\s]+-----END CERTIFICATE-----");

  private InputFiles() {}

  /** The file as ASCII text; {@code what} names it in the error, e.g. "the CSR". */
  static String read(Path file, String what) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new CliFailure("cannot read " + what + " " + file + ": " + why(e), e);
    }
  }

  /**
   * The PEM certificates in the file, in the file's order, each as one PEM block (the service takes
   * PEM wherever it takes base64 DER).
   */
  static List<String> certificates(Path file, String what) {
    List<String> found =
        CERTIFICATE.matcher(read(file, what)).results().map(m -> m.group() + "\n").toList();
    if (found.isEmpty()) {
      throw new CliFailure(what + " " + file + " holds no PEM certificate");
    }
    return found;
  }

  static String why(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof CharacterCodingException) {
      return "not PEM text";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
