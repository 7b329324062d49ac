package dev.pncpki.ca.cli;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Contracts as the admin reads them, from the API's JSON tree (its wire type is internal to the api
 * package and carries the encrypted key, which no table shows).
 */
final class ContractText {
  private ContractText() {}

  static String one(JsonNode c) {
    return Table.fields()
        .row("id", c.path("id").asText())
        .row("emaid", text(c, "emaid"))
        .row("pcid", text(c, "pcid"))
        .row("status", text(c, "status"))
        .row("operator", text(c, "operator"))
        .row("namespace", text(c, "xsdMsgDefNamespace"))
        .row("issuer", text(c, "issuerId"))
        .row("serial", text(c, "serial"))
        .row("not after", text(c, "notAfter"))
        .row("created at", text(c, "createdAt"))
        .row("replaces", text(c, "replaces"))
        .row("replaced by", text(c, "replacedBy"))
        .render();
  }

  static String many(JsonNode contracts) {
    Table t = Table.withHeader("ID", "EMAID", "PCID", "STATUS", "OPERATOR", "NOT AFTER", "SERIAL");
    contracts.forEach(
        c ->
            t.row(
                c.path("id").asText(),
                text(c, "emaid"),
                text(c, "pcid"),
                text(c, "status"),
                text(c, "operator"),
                text(c, "notAfter"),
                text(c, "serial")));
    return t.render();
  }

  /** A field's text, or null (printed "-") when absent or JSON null. */
  static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isMissingNode() || value.isNull() ? null : value.asText();
  }
}
