package dev.pncpki.ca.revocation;

import dev.pncpki.ca.keys.BackendContentSigner;
import dev.pncpki.ca.keys.KeyBackend;
import dev.pncpki.ca.keys.KeyBackendException;
import dev.pncpki.ca.keys.SignatureVerifiers;
import dev.pncpki.policies.profile.IssuerRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds and keeps the current X.509 v2 CRL (RFC 5280 5) of each issuing CA, signed by the CA's own
 * key. Publish after every revocation; a scheduler calls {@link #refreshDue()} so a CRL is always
 * replaced well before its nextUpdate, even when nothing was revoked.
 */
public final class CrlPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(CrlPublisher.class);
  public static final Duration DEFAULT_PERIOD = Duration.ofDays(7);

  private final KeyBackend backend;
  private final RevocationSource source;
  private final Map<String, IssuingCa> cas;
  private final Clock clock;
  private final Duration period;
  private final Map<String, Object> locks;
  private final Map<String, PublishedCrl> latest = new ConcurrentHashMap<>();

  public CrlPublisher(
      KeyBackend backend,
      RevocationSource source,
      Collection<IssuingCa> cas,
      Clock clock,
      Duration period) {
    if (period.compareTo(Duration.ofMinutes(2)) < 0) {
      throw new IllegalArgumentException("CRL period must be at least 2 minutes, is " + period);
    }
    this.backend = backend;
    this.source = source;
    this.cas =
        cas.stream().collect(Collectors.toUnmodifiableMap(IssuingCa::id, Function.identity()));
    this.locks =
        this.cas.keySet().stream()
            .collect(Collectors.toUnmodifiableMap(id -> id, id -> new Object()));
    this.clock = clock;
    this.period = period;
  }

  public CrlPublisher(
      KeyBackend backend, RevocationSource source, Collection<IssuingCa> cas, Clock clock) {
    this(backend, source, cas, clock, DEFAULT_PERIOD);
  }

  /**
   * The latest CRL of the CA, publishing the first one if there is none yet (a distribution point
   * must always have something to serve); empty if the CA is not one of this publisher's.
   */
  public Optional<PublishedCrl> current(String caId) {
    if (!cas.containsKey(caId)) {
      return Optional.empty();
    }
    PublishedCrl crl = latest.get(caId);
    if (crl != null) {
      return Optional.of(crl);
    }
    synchronized (locks.get(caId)) { // simultaneous first fetches sign one CRL, not one each
      PublishedCrl first = latest.get(caId);
      return Optional.of(first != null ? first : publish(caId));
    }
  }

  /**
   * Signs a new CRL with the next CRL number and makes it current.
   *
   * @throws IllegalArgumentException if the CA is not one of this publisher's
   * @throws KeyBackendException if the CA key cannot sign
   */
  public PublishedCrl publish(String caId) {
    IssuingCa ca = cas.get(caId);
    if (ca == null) {
      throw new IllegalArgumentException("no issuing CA \"" + caId + "\"");
    }
    // One publication per CA at a time, reading the source inside the lock: a publication that
    // starts after a revocation is committed can never be overtaken by an older one, and CRL
    // numbers become current in the order they were drawn.
    synchronized (locks.get(caId)) {
      PublishedCrl crl = sign(ca, clock.instant().truncatedTo(ChronoUnit.SECONDS));
      latest.put(caId, crl);
      return crl;
    }
  }

  /**
   * Republishes every CA whose CRL is older than half the period, for a scheduler to call; returns
   * the ids republished. A CA that fails is logged and retried on the next call, and does not stop
   * the others.
   */
  public List<String> refreshDue() {
    Instant now = clock.instant();
    List<String> refreshed = new ArrayList<>();
    for (String caId : cas.keySet()) {
      PublishedCrl crl = latest.get(caId);
      if (crl != null && now.isBefore(crl.thisUpdate().plus(period.dividedBy(2)))) {
        continue;
      }
      try {
        publish(caId);
        refreshed.add(caId);
      } catch (RuntimeException e) {
        LOG.error("cannot refresh the CRL of {}", caId, e);
      }
    }
    return refreshed;
  }

  private PublishedCrl sign(IssuingCa ca, Instant now) {
    RevocationSource.CrlContent content = source.nextCrl(ca.id());
    BigInteger number = content.number();
    Instant nextUpdate = now.plus(period);
    var builder = new X509v2CRLBuilder(ca.certificate().getSubject(), Date.from(now));
    builder.setNextUpdate(Date.from(nextUpdate));
    for (RevokedEntry entry : content.revoked()) {
      // Bouncy Castle leaves out the reasonCode extension for unspecified (0), as RFC 5280 5.3.1
      // advises.
      builder.addCRLEntry(entry.serial(), Date.from(entry.revokedAt()), entry.reason().code());
    }
    try {
      builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          new AuthorityKeyIdentifier(IssuerRef.of(ca.certificate()).keyIdentifier()));
      X509CRLHolder crl = builder.build(new BackendContentSigner(backend, ca.key()));
      checkSignature(ca, crl);
      return new PublishedCrl(ca.id(), number, now, nextUpdate, crl.getEncoded());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode CRL of " + ca.id(), e);
    }
  }

  /** A backend that signs with another key or version must not get a broken CRL published. */
  private static void checkSignature(IssuingCa ca, X509CRLHolder crl) {
    try {
      var verifier = SignatureVerifiers.forIssuer(ca.certificate().getSubjectPublicKeyInfo());
      if (!crl.isSignatureValid(verifier)) {
        throw new KeyBackendException(
            "CRL signature by " + ca.key().reference() + " does not verify with " + ca.id());
      }
    } catch (OperatorCreationException | CertException e) {
      throw new KeyBackendException("cannot verify CRL signature of " + ca.id(), e);
    }
  }
}
