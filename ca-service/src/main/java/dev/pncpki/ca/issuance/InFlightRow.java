package dev.pncpki.ca.issuance;

import java.time.Instant;

/**
 * A pending issuance as crash recovery sees it: its certificate row with the instance that records
 * it ({@code owner}, null for rows written before instances had numbers), and the contract recorded
 * with it if it is a contract's ({@code emaid} null otherwise; {@code replaces} set for a renewal).
 */
public record InFlightRow(
    String issuerId,
    String serial,
    Integer owner,
    String requester,
    Instant createdAt,
    String emaid,
    String pcid,
    Long replaces) {

  /** How the audit log names the issuance: issuer and serial. */
  public String target() {
    return issuerId + "/" + serial;
  }
}
