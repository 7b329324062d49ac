package dev.pncpki.ca.revocation;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/** What a CRL build may do while it holds the CA's build lock ({@link CrlStore#locked}). */
public interface CrlBuild {

  /** The newest stored CRL, read under the lock: another instance may just have stored one. */
  Optional<PublishedCrl> latest();

  /** Whether a revocation is not yet listed by the newest stored CRL. */
  boolean behind();

  /** Draws the next CRL number; strictly increasing, never reused (RFC 5280 5.2.3). */
  BigInteger nextNumber();

  /**
   * Streams every certificate of the CA revoked and not expired at {@code notExpiredAt}, from one
   * consistent snapshot, and returns the revision of the CA's revocations that snapshot holds.
   */
  long revoked(Instant notExpiredAt, Consumer<RevokedEntry> sink);

  /** Stores a signed CRL as the newest, listing revocations up to {@code revision}. */
  void store(PublishedCrl crl, long revision, SignedCrl der);
}
