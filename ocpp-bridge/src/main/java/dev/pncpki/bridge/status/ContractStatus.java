package dev.pncpki.bridge.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status of one certificate of a contract, as an Authorize answer states it (OCPP 2.0.1 C07).
 * For a certificate of a chain that validated to a trusted root: asked of the OCSP responder the
 * certificate names, falling back to the CRL it names, and with neither only the chain speaks for
 * it ({@link Verdict#UNCHECKED}). For hash data a station sends: asked of the responder it names,
 * only if that is the CA's own or one a validated certificate named ({@link OcspClient}). An answer
 * is believed only when it passes {@link OcspVerification} (RFC 6960 section 3.2); a verified
 * answer of another operator's responder with a nextUpdate is kept until then, one without is not
 * kept (RFC 6960 section 4.2.2.1: newer information is always available).
 */
final class ContractStatus {
  private static final Logger LOG = LoggerFactory.getLogger(ContractStatus.class);

  /**
   * What Authorize says of a contract, the worst last: with several certificates (the contract and
   * its Sub-CAs, up to four in {@code iso15118CertificateHashData}) the worst verdict answers. Each
   * carries its {@code certificateStatus} (AuthorizeCertificateStatusEnumType) and {@code
   * idTokenInfo.status} (AuthorizationStatusEnumType).
   */
  enum Verdict {
    /** Good at its responder, or not on its issuer's CRL. */
    GOOD("Accepted", "Accepted"),
    /**
     * The chain validated to a trusted root but the certificate names neither an OCSP responder nor
     * a CRL, as some contracts in the field do: the chain is all there is to go by, and it is
     * accepted (logged as such).
     */
    UNCHECKED("Accepted", "Accepted"),
    /**
     * No status could be had: a responder the bridge may not ask, one that cannot be reached or
     * answers tryLater, or an answer that fails verification, and no CRL to fall back to. The
     * enumeration's value for a status that could not be retrieved from a secondary actor in time;
     * the token stays unknown.
     */
    UNAVAILABLE("NoCertificateAvailable", "Unknown"),
    /**
     * Not a certificate of this PKI's chain: hash data that names no certificate (not hex, an
     * unknown hash algorithm), a serial the issuer's responder does not know, or a chain whose leaf
     * the next certificate did not sign or that names another eMAID.
     */
    CHAIN_ERROR("CertChainError", "Invalid"),
    EXPIRED("CertificateExpired", "Expired"),
    /** Revoked (C07: the CSMS answers CertificateRevoked and does not authorize). */
    REVOKED("CertificateRevoked", "Invalid");

    private final String certificateStatus;
    private final String idTokenStatus;

    Verdict(String certificateStatus, String idTokenStatus) {
      this.certificateStatus = certificateStatus;
      this.idTokenStatus = idTokenStatus;
    }

    String certificateStatus() {
      return certificateStatus;
    }

    String idTokenStatus() {
      return idTokenStatus;
    }

    Verdict worse(Verdict other) {
      return compareTo(other) >= 0 ? this : other;
    }

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final Duration MAX_KEPT = Duration.ofHours(24);
  private static final int MAX_CACHED = 50_000;

  private record Kept(Verdict verdict, Instant until) {}

  private final OcspClient ocsp;
  private final CrlClient crls;
  private final Clock clock;
  private final ValidatedIssuers issuers;
  private final Map<String, Kept> kept = new ConcurrentHashMap<>();

  ContractStatus(OcspClient ocsp, CrlClient crls, ValidatedIssuers issuers, Clock clock) {
    this.issuers = issuers;
    this.ocsp = ocsp;
    this.crls = crls;
    this.clock = clock;
  }

  /**
   * What {@code responderUrl}, named by a station's hash data, says of the certificate {@code id}
   * names, verified. Another operator's responder is asked only if a validated chain named it and
   * the issuer {@code id} names is one of such a chain.
   */
  Verdict of(String stationId, CertID id, String responderUrl) {
    Optional<Verdict> known = kept(id);
    if (known.isPresent()) {
      return known.get();
    }
    Optional<X509CertificateHolder> issuer = Optional.empty();
    if (!ocsp.isOwn(responderUrl)) {
      issuer = issuers.issuerOf(id);
      if (issuer.isEmpty()) {
        LOG.info(
            "station {}: contract status not available: no validated chain names the issuer of"
                + " the hash data",
            stationId);
        return Verdict.UNAVAILABLE;
      }
    }
    byte[] answer;
    try {
      answer = ocsp.ask(responderUrl, OcspRequestData.request(id));
    } catch (OcspClient.OcspException | IllegalArgumentException e) {
      LOG.info("station {}: contract status not available: {}", stationId, e.getMessage());
      return Verdict.UNAVAILABLE;
    }
    return verdict(stationId, id, answer, issuer, issuer.isPresent()).orElse(Verdict.UNAVAILABLE);
  }

  /**
   * The status of {@code certificate}, issued by {@code issuer}, of a chain that validated to a
   * trusted root: its OCSP responder, else its CRL, else the chain alone.
   */
  Verdict of(String stationId, X509CertificateHolder certificate, X509CertificateHolder issuer) {
    issuers.remember(issuer);
    CertID id;
    try {
      id =
          new CertificateID(
                  DIGESTS.get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                  issuer,
                  certificate.getSerialNumber())
              .toASN1Primitive();
    } catch (OperatorCreationException | OCSPException e) {
      return Verdict.CHAIN_ERROR;
    }
    Optional<Verdict> known = kept(id);
    if (known.isPresent()) {
      return known.get();
    }
    Optional<String> responder = uri(certificate, true);
    Optional<String> crl = uri(certificate, false);
    if (responder.isPresent()) {
      try {
        boolean own = ocsp.isOwn(responder.get());
        byte[] answer = ocsp.askNamed(responder.get(), OcspRequestData.request(id));
        Optional<Verdict> verdict =
            verdict(stationId, id, answer, own ? Optional.empty() : Optional.of(issuer), !own);
        if (verdict.isPresent()) {
          return verdict.get();
        }
      } catch (OcspClient.OcspException | IllegalArgumentException e) {
        LOG.info("station {}: OCSP status not available: {}", stationId, e.getMessage());
      }
    }
    if (crl.isPresent()) {
      try {
        return crls.revoked(crl.get(), certificate, issuer) ? Verdict.REVOKED : Verdict.GOOD;
      } catch (CrlClient.CrlException e) {
        LOG.info("station {}: CRL status not available: {}", stationId, e.getMessage());
        return Verdict.UNAVAILABLE;
      }
    }
    if (responder.isPresent()) {
      return Verdict.UNAVAILABLE;
    }
    LOG.info(
        "station {}: certificate {} names no OCSP responder and no CRL: accepted on its chain",
        stationId,
        certificate.getSerialNumber().toString(16));
    return Verdict.UNCHECKED;
  }

  /**
   * A verified answer's verdict, empty if it is not verified. Another operator's answer is kept
   * until its nextUpdate ({@code keep}); the CA's own responder, next door, is asked every time, so
   * that a revocation at this CA holds at once.
   */
  private Optional<Verdict> verdict(
      String stationId,
      CertID id,
      byte[] answer,
      Optional<X509CertificateHolder> issuer,
      boolean keep) {
    return switch (OcspVerification.of(answer, id, clock.instant(), issuer)) {
      case OcspVerification.Verified v when stale(v) -> {
        LOG.info(
            "station {}: contract status answer is out of date (thisUpdate {}, nextUpdate {})",
            stationId,
            v.thisUpdate(),
            v.nextUpdate().map(Object::toString).orElse("none"));
        yield Optional.empty();
      }
      case OcspVerification.Verified v -> {
        Verdict verdict = v.status() == OcspLog.Status.GOOD ? Verdict.GOOD : Verdict.REVOKED;
        if (keep) {
          v.nextUpdate().ifPresent(next -> keep(id, verdict, next));
        }
        yield Optional.of(verdict);
      }
      case OcspVerification.NotKnown n -> Optional.of(Verdict.CHAIN_ERROR);
      case OcspVerification.Unverified u -> {
        LOG.info("station {}: contract status answer not verified: {}", stationId, u.reason());
        yield Optional.empty();
      }
    };
  }

  /**
   * An answer past its nextUpdate (with 5 minutes' leeway), or without one and older than an hour,
   * says nothing about now: it could be a replay of an answer from before a revocation.
   */
  private boolean stale(OcspVerification.Verified v) {
    return OcspVerification.stale(v, clock.instant());
  }

  private void keep(CertID id, Verdict verdict, Instant nextUpdate) {
    Instant cap = clock.instant().plus(MAX_KEPT);
    if (kept.size() >= MAX_CACHED) {
      kept.clear();
    }
    kept.put(
        OcspRequestData.key(id), new Kept(verdict, nextUpdate.isBefore(cap) ? nextUpdate : cap));
  }

  private Optional<Verdict> kept(CertID id) {
    Kept k = kept.get(OcspRequestData.key(id));
    return k != null && clock.instant().isBefore(k.until())
        ? Optional.of(k.verdict())
        : Optional.empty();
  }

  /** The first OCSP responder ({@code ocsp}) or CRL distribution point the certificate names. */
  private static Optional<String> uri(X509CertificateHolder certificate, boolean ocsp) {
    if (certificate.getExtensions() == null) {
      return Optional.empty();
    }
    try {
      if (ocsp) {
        var aia = AuthorityInformationAccess.fromExtensions(certificate.getExtensions());
        if (aia != null) {
          for (AccessDescription d : aia.getAccessDescriptions()) {
            if (d.getAccessMethod().equals(AccessDescription.id_ad_ocsp)) {
              return Optional.of(
                  d.getAccessLocation().getTagNo() == GeneralName.uniformResourceIdentifier
                      ? d.getAccessLocation().getName().toString()
                      : UNUSABLE);
            }
          }
        }
        return Optional.empty();
      }
      var points = CRLDistPoint.fromExtensions(certificate.getExtensions());
      if (points != null && points.getDistributionPoints().length > 0) {
        for (DistributionPoint p : points.getDistributionPoints()) {
          DistributionPointName name = p.getDistributionPoint();
          if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
            for (GeneralName g :
                org.bouncycastle.asn1.x509.GeneralNames.getInstance(name.getName()).getNames()) {
              if (g.getTagNo() == GeneralName.uniformResourceIdentifier) {
                return Optional.of(g.getName().toString());
              }
            }
          }
        }
        return Optional.of(UNUSABLE); // a pointer this bridge cannot follow (cRLIssuer, LDAP name)
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      // an extension that is there but does not parse: a pointer, unusable; not "none"
      return certificate
                  .getExtensions()
                  .getExtension(
                      ocsp ? Extension.authorityInfoAccess : Extension.cRLDistributionPoints)
              == null
          ? Optional.empty()
          : Optional.of(UNUSABLE);
    }
    return Optional.empty();
  }

  private static final BcDigestCalculatorProvider DIGESTS = new BcDigestCalculatorProvider();

  /**
   * What a certificate names when its pointer cannot be followed: no request goes out, and the
   * certificate does not count as naming none.
   */
  private static final String UNUSABLE = "unusable:";
}
