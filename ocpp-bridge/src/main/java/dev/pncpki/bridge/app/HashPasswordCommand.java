package dev.pncpki.bridge.app;

import dev.pncpki.bridge.station.PasswordHash;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code hash-password}: reads a station password from standard input and prints the hash to put in
 * the station's {@code passwordHash}.
 */
final class HashPasswordCommand extends Command {
  HashPasswordCommand() {
    super("hash-password", "Hash a station's Basic-auth password read from standard input");
  }

  @Override
  public void configure(Subparser subparser) {}

  @Override
  public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
    var in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, "UTF-8"));
    String password = in.readLine();
    if (password == null || password.isEmpty()) {
      System.err.println("no password on standard input");
      System.exit(2);
    }
    System.out.println(PasswordHash.of(password));
  }
}
