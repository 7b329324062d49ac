package dev.pncpki.ca.api;

import dev.pncpki.ca.refusal.PlainText;

/** Body of POST /v1/cas/{id}/revoke: the RFC 5280 5.3.1 reason, by name or code. */
public record RevokeCaBody(String reason) {
  public RevokeCaBody {
    PlainText.line("reason", reason);
  }
}
