package dev.pncpki.ca.revocation;

import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Where signed CRLs are kept and built from (PostgreSQL in the service): shared by every CA
 * instance, so all serve the same bytes for the same CRL number, and one builds at a time.
 */
public interface CrlStore {

  /** The newest stored CRL of the CA. */
  Optional<PublishedCrl> latest(String caId);

  /** The DER bytes of a stored CRL, read from the store as the stream is consumed. */
  InputStream open(PublishedCrl crl);

  /** The CAs with a revocation that their newest stored CRL does not list yet. */
  Set<String> behind();

  /**
   * Runs {@code work} holding the CA's build lock, which one caller among all instances holds at a
   * time; empty if the lock did not become free within {@code wait}.
   */
  <T> Optional<T> locked(String caId, Duration wait, Function<CrlBuild, T> work);
}
