package dev.pncpki.ca.revocation;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * One signed CRL of one CA as stored and served: its number, validity, how many certificates it
 * lists and its DER length. The bytes stay in the store ({@link CrlStore#open}), which every
 * instance serves alike.
 */
public record PublishedCrl(
    String caId,
    BigInteger number,
    Instant thisUpdate,
    Instant nextUpdate,
    long entries,
    long length) {

  public PublishedCrl {
    Objects.requireNonNull(caId, "caId");
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(thisUpdate, "thisUpdate");
    Objects.requireNonNull(nextUpdate, "nextUpdate");
    if (entries < 0 || length <= 0) {
      throw new IllegalArgumentException("CRL of " + caId + ": " + entries + " / " + length);
    }
  }

  /** Refreshed at half its validity, so that relying parties never hold an expired one. */
  public boolean due(Instant now) {
    return !now.isBefore(
        thisUpdate.plus(java.time.Duration.between(thisUpdate, nextUpdate).dividedBy(2)));
  }

  @Override
  public String toString() {
    return "PublishedCrl[" + caId + " #" + number + ", " + thisUpdate + ".." + nextUpdate + "]";
  }
}
