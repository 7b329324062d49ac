package dev.pncpki.ca.revocation;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/** One signed CRL of one CA, as served at its CRL distribution point. */
@SuppressWarnings("ArrayRecordComponent") // copied in and out, compared by content below
public record PublishedCrl(
    String caId, BigInteger number, Instant thisUpdate, Instant nextUpdate, byte[] der) {

  public PublishedCrl {
    Objects.requireNonNull(caId, "caId");
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(thisUpdate, "thisUpdate");
    Objects.requireNonNull(nextUpdate, "nextUpdate");
    der = der.clone();
  }

  @Override
  public byte[] der() {
    return der.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PublishedCrl other
        && caId.equals(other.caId)
        && number.equals(other.number)
        && thisUpdate.equals(other.thisUpdate)
        && nextUpdate.equals(other.nextUpdate)
        && Arrays.equals(der, other.der);
  }

  @Override
  public int hashCode() {
    return Objects.hash(caId, number, thisUpdate, nextUpdate, Arrays.hashCode(der));
  }

  @Override
  public String toString() {
    return "PublishedCrl[" + caId + " #" + number + ", " + thisUpdate + ".." + nextUpdate + "]";
  }
}
