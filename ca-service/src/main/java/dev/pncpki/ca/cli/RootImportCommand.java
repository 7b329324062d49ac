package dev.pncpki.ca.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pncpki.ca.pem.CertificateInput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code root-import --type V2G --file bundle.pem --fingerprints list.txt}: pools the roots of a
 * trust list published as a PEM bundle with its SHA-256 fingerprints (one per line, hex, colons
 * allowed, as {@code openssl x509 -fingerprint -sha256} prints them; other text on a line is
 * ignored). Nothing is sent unless every certificate of the bundle has its fingerprint in the list
 * and every fingerprint of the list has its certificate; roots pooled already are skipped. Each
 * root is added on its own: one the service refuses (expired, not a root) is reported with its
 * reason, the others are added, and the exit status is 2 if any was refused.
 */
final class RootImportCommand extends ServiceCommand {
  private static final Pattern SHA256 =
      Pattern.compile("(?i)\\b([0-9a-f]{2}(:?[0-9a-f]{2}){31})\\b");

  RootImportCommand() {
    super("root-import", "Add the roots of a trust list (PEM bundle and fingerprints)", true);
  }

  @Override
  void addArguments(Subparser parser) {
    parser.addArgument("--file").required(true).metavar("FILE").help("the roots (PEM bundle)");
    parser
        .addArgument("--fingerprints")
        .required(true)
        .metavar("FILE")
        .help("their SHA-256 fingerprints, as published with the trust list, one per line");
    parser
        .addArgument("--type")
        .required(true)
        .help("what they anchor: V2G, MO, OEM, PE, CSMS or MANUFACTURER");
  }

  @Override
  ServiceClient.Reply call(Namespace namespace, ServiceClient client) {
    Path bundle = Path.of(namespace.getString("file"));
    Path list = Path.of(namespace.getString("fingerprints"));
    Map<String, String> byFingerprint = new LinkedHashMap<>();
    for (String pem : InputFiles.certificates(bundle, "the bundle")) {
      byFingerprint.put(sha256(pem), pem);
    }
    Set<String> listed = fingerprints(InputFiles.read(list, "the fingerprint list"));
    for (String f : byFingerprint.keySet()) {
      if (!listed.contains(f)) {
        throw new CliFailure(
            "the certificate of "
                + bundle
                + " with SHA-256 "
                + f
                + " is not in "
                + list
                + "; nothing was imported");
      }
    }
    for (String f : listed) {
      if (!byFingerprint.containsKey(f)) {
        throw new CliFailure(
            list
                + " lists "
                + f
                + ", which no certificate of "
                + bundle
                + " has; nothing was"
                + " imported");
      }
    }
    Set<String> pooled = new HashSet<>();
    client
        .get("/v1/root/rootCerts?includeOcpp=true")
        .json()
        .path("RootCertificateCollection")
        .path("rootCertificates")
        .forEach(r -> pooled.add(r.path("fingerprint").asText()));
    List<JsonNode> added = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    var refused = ServiceClient.JSON.createObjectNode();
    for (var e : byFingerprint.entrySet()) {
      if (pooled.contains(e.getKey())) {
        skipped.add(e.getKey());
        continue;
      }
      try {
        added.add(
            client
                .put(
                    "/v1/root/rootCerts",
                    Map.of(
                        "caCertificate", e.getValue(),
                        "rootType", namespace.getString("type"),
                        "fingerprint", e.getKey()))
                .json()
                .path("RootResponse"));
      } catch (CliFailure f) {
        if (f.exitCode() != ExitCode.REFUSED) {
          throw f; // the service cannot be asked: what was added so far stays added
        }
        refused.put(e.getKey(), f.getMessage());
      }
    }
    var summary = ServiceClient.JSON.createObjectNode();
    summary.putArray("added").addAll(added);
    var already = summary.putArray("alreadyPooled");
    skipped.forEach(already::add);
    summary.set("refused", refused);
    return new ServiceClient.Reply(summary.toString());
  }

  @Override
  String describe(Namespace namespace, ServiceClient.Reply reply) {
    JsonNode json = reply.json();
    List<JsonNode> added = new ArrayList<>();
    json.path("added").forEach(added::add);
    StringBuilder out = new StringBuilder();
    out.append("added ")
        .append(added.size())
        .append(", pooled already ")
        .append(json.path("alreadyPooled").size())
        .append(", refused ")
        .append(json.path("refused").size())
        .append('\n');
    if (!added.isEmpty()) {
      out.append(RootText.roots(added));
    }
    json.path("refused")
        .properties()
        .forEach(
            r ->
                out.append("refused ")
                    .append(r.getKey())
                    .append(": ")
                    .append(r.getValue().asText())
                    .append('\n'));
    return out.toString();
  }

  @Override
  void check(ServiceClient.Reply reply) {
    int refused = reply.json().path("refused").size();
    if (refused > 0) {
      throw new CliFailure(
          refused + " root(s) of the list were refused (above); the others were added",
          ExitCode.REFUSED);
    }
  }

  static Set<String> fingerprints(String text) {
    Set<String> found = new java.util.LinkedHashSet<>();
    for (String line : text.split("\\R")) {
      var m = SHA256.matcher(line);
      if (m.find()) {
        found.add(m.group(1).replace(":", "").toLowerCase(Locale.ROOT));
      }
    }
    return found;
  }

  private static String sha256(String pem) {
    String body =
        pem.replace("-----BEGIN CERTIFICATE-----", "")
            .replace("-----END CERTIFICATE-----", "")
            .replaceAll("\\s", "");
    try {
      return CertificateInput.fingerprint(
          Base64.getDecoder().decode(body.getBytes(StandardCharsets.US_ASCII)));
    } catch (IllegalArgumentException e) {
      throw new CliFailure("a certificate of the bundle is not valid base64: " + e.getMessage(), e);
    }
  }
}
