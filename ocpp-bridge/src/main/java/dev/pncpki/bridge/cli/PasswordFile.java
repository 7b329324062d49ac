package dev.pncpki.bridge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * A station password given to the CLI in a file, or on standard input ({@code -}), never as an
 * argument: arguments are visible to every user of the machine ({@code ps}) and stay in shell
 * histories. The file's first line is the password.
 */
final class PasswordFile {
  private PasswordFile() {}

  static void addArgument(Subparser parser, String help) {
    parser.addArgument("--password-file").metavar("FILE").help(help + "; - reads standard input");
  }

  /** The password named by {@code --password-file}, if one is. */
  static Optional<String> read(Namespace ns, InputStream stdin) {
    String file = ns.getString("password_file");
    if (file == null) {
      return Optional.empty();
    }
    try {
      String text =
          file.equals("-")
              ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8)
              : Files.readString(Path.of(file), StandardCharsets.UTF_8);
      String first = text.lines().findFirst().orElse("");
      return Optional.of(first);
    } catch (IOException e) {
      throw new AdminClient.CliFailure(
          "cannot read the password file "
              + file
              + " ("
              + e.getClass().getSimpleName()
              + "); a password is never an argument: put it in a file, or give - and write it"
              + " to standard input");
    }
  }
}
