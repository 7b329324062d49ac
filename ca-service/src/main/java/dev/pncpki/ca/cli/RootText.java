package dev.pncpki.ca.cli;

import static dev.pncpki.ca.cli.ContractText.text;

import com.fasterxml.jackson.databind.JsonNode;

/** Pooled roots (RootCertV2) as the admin reads them; the certificates are left to --json. */
final class RootText {
  private RootText() {}

  static String root(JsonNode r) {
    return Table.fields()
        .row("id", text(r, "rootCertificateId"))
        .row("type", text(r, "rootType"))
        .row("subject", text(r, "distinguishedName"))
        .row("sha256", text(r, "fingerprint"))
        .row("valid from", text(r, "validFrom"))
        .row("valid to", text(r, "validTo"))
        .row("namespace", text(r, "xsdMsgDefNamespace"))
        .row("algorithm", text(r, "signatureAlgorithm"))
        .render();
  }

  static String roots(Iterable<JsonNode> roots) {
    // the full id: it is what root-remove takes
    Table t = Table.withHeader("ID", "TYPE", "VALID TO", "SHA-256", "SUBJECT");
    roots.forEach(
        r ->
            t.row(
                text(r, "rootCertificateId"),
                text(r, "rootType"),
                text(r, "validTo"),
                text(r, "fingerprint"),
                text(r, "distinguishedName")));
    return t.size() == 0 ? "no pooled root\n" : t.render();
  }
}
