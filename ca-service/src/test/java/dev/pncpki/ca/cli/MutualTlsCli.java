package dev.pncpki.ca.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.sourceforge.argparse4j.ArgumentParsers;

/** Runs one admin verb with a chosen environment (passwords come from environment variables). */
public final class MutualTlsCli {
  private MutualTlsCli() {}

  public static String run(Map<String, String> environment, String verb, String... args)
      throws Exception {
    ServiceCommand command =
        switch (verb) {
          case "cas" -> new ListCasCommand();
          case "verify-audit" -> new VerifyAuditCommand();
          default -> throw new IllegalArgumentException(verb);
        };
    var parser = ArgumentParsers.newFor("admin").build();
    command.configure(parser.addSubparsers().addParser(verb));
    List<String> argv = new ArrayList<>(List.of(verb));
    argv.addAll(List.of(args));
    var namespace = parser.parseArgs(argv.toArray(String[]::new));
    var out = new ByteArrayOutputStream();
    command.run(namespace, environment::get, new PrintStream(out, true, StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }
}
