package dev.pncpki.ca.cli;

import static dev.pncpki.ca.cli.ContractText.text;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Trust anchors and provisioning certificates as the admin reads them, from the API's JSON tree;
 * the base64 certificates themselves are left to {@code --json}.
 */
final class PoolText {
  private PoolText() {}

  static String anchor(JsonNode a) {
    return Table.fields()
        .row("id", text(a, "id"))
        .row("pki", text(a, "pki"))
        .row("oem", text(a, "oem"))
        .row("subject", text(a, "subject"))
        .row("not after", text(a, "notAfter"))
        .row("added by", text(a, "addedBy"))
        .row("added at", text(a, "addedAt"))
        .render();
  }

  static String anchors(JsonNode anchors) {
    // the full id: it is what trust-anchor-remove takes
    Table t = Table.withHeader("ID", "OEM", "NOT AFTER", "SUBJECT");
    anchors.forEach(
        a -> t.row(text(a, "id"), text(a, "oem"), text(a, "notAfter"), text(a, "subject")));
    return t.render();
  }

  static String provisioning(JsonNode p) {
    return Table.fields()
        .row("pcid", text(p, "pcid"))
        .row("oem", text(p, "oem"))
        .row("namespace", text(p, "xsdMsgDefNamespace"))
        .row("not after", text(p, "notAfter"))
        .row("root", text(p, "rootCertificateId"))
        .row("revocation", text(p, "revocationStatus"))
        .row("uploaded by", text(p, "uploadedBy"))
        .row("uploaded at", text(p, "uploadedAt"))
        .render();
  }

  static String provisionings(JsonNode pool) {
    Table t = Table.withHeader("PCID", "OEM", "NOT AFTER", "NAMESPACE", "REVOCATION");
    pool.forEach(
        p ->
            t.row(
                text(p, "pcid"),
                text(p, "oem"),
                text(p, "notAfter"),
                text(p, "xsdMsgDefNamespace"),
                text(p, "revocationStatus")));
    return t.render();
  }
}
