package dev.pncpki.ca.contract;

import dev.pncpki.ca.issuance.CertificateRow;
import dev.pncpki.ca.issuance.Hierarchy;
import dev.pncpki.ca.keys.SignatureVerifiers;
import dev.pncpki.ca.store.CertificateDao;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.jdbi.v3.core.Jdbi;

/**
 * The revocation status of a provisioning certificate: from this CA's own database when its own
 * (demo) OEM PKI issued it, otherwise from the OCSP responder its authorityInfoAccess names, with a
 * short timeout. The answer must be signed by the issuer or by a responder the issuer certified for
 * OCSP signing (RFC 6960 4.2.2.2).
 */
final class RevocationCheck {
  /** The outcome; {@code detail} says how it was found, or why it could not be. */
  record Status(Kind kind, String detail) {
    enum Kind {
      GOOD,
      REVOKED,
      UNKNOWN
    }
  }

  private static final Duration TIMEOUT = Duration.ofSeconds(3);
  private static final int MAX_RESPONSE_BYTES = 64 * 1024;
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
  private static final Duration MAX_AGE_WITHOUT_NEXT_UPDATE = Duration.ofDays(1);
  private final Jdbi jdbi;
  private final Hierarchy hierarchy;
  private final Clock clock;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  RevocationCheck(Jdbi jdbi, Hierarchy hierarchy, Clock clock) {
    this.jdbi = jdbi;
    this.hierarchy = hierarchy;
    this.clock = clock;
  }

  /** The status; {@code askResponders} false: only this CA's own records are consulted. */
  Status of(
      X509CertificateHolder certificate, X509CertificateHolder issuer, boolean askResponders) {
    Optional<Hierarchy.Authority> own =
        hierarchy.all().stream().filter(a -> a.certificate().equals(issuer)).findFirst();
    if (own.isPresent()) {
      return local(own.get(), certificate);
    }
    if (!askResponders) {
      return new Status(Status.Kind.UNKNOWN, "not checked (revocationCheck: off)");
    }
    Optional<String> url = ocspUrl(certificate);
    if (url.isEmpty()) {
      return new Status(Status.Kind.UNKNOWN, "the certificate names no OCSP responder");
    }
    return ocsp(url.get(), certificate, issuer);
  }

  private Status local(Hierarchy.Authority issuer, X509CertificateHolder certificate) {
    String serial = certificate.getSerialNumber().toString(16);
    Optional<CertificateRow> row =
        jdbi.withExtension(CertificateDao.class, d -> d.find(issuer.id(), serial));
    if (row.isEmpty() || !row.get().issued()) {
      return new Status(Status.Kind.UNKNOWN, issuer.id() + " has no record of serial " + serial);
    }
    return row.get().revokedAt() == null
        ? new Status(Status.Kind.GOOD, "good in this CA's records (" + issuer.id() + ")")
        : new Status(Status.Kind.REVOKED, "revoked at " + row.get().revokedAt());
  }

  private Status ocsp(String url, X509CertificateHolder certificate, X509CertificateHolder issuer) {
    try {
      var id =
          new CertificateID(
              new BcDigestCalculatorProvider().get(CertificateID.HASH_SHA1),
              issuer,
              certificate.getSerialNumber());
      byte[] request = new OCSPReqBuilder().addRequest(id).build().getEncoded();
      HttpResponse<InputStream> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url))
                  .timeout(TIMEOUT)
                  .header("Content-Type", "application/ocsp-request")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      byte[] body;
      try (InputStream in = response.body()) {
        body = in.readNBytes(MAX_RESPONSE_BYTES + 1);
      }
      if (response.statusCode() != 200) {
        return unknown(url, "HTTP " + response.statusCode());
      }
      if (body.length > MAX_RESPONSE_BYTES) {
        return unknown(url, "the answer is larger than " + MAX_RESPONSE_BYTES + " bytes");
      }
      var ocsp = new OCSPResp(body);
      if (ocsp.getStatus() != OCSPResp.SUCCESSFUL
          || !(ocsp.getResponseObject() instanceof BasicOCSPResp basic)) {
        return unknown(url, "OCSP response status " + ocsp.getStatus());
      }
      if (!signedForIssuer(basic, issuer)) {
        return unknown(url, "the OCSP answer is not signed by the issuer or its responder");
      }
      for (SingleResp single : basic.getResponses()) {
        if (!single.getCertID().matchesIssuer(issuer, new BcDigestCalculatorProvider())
            || !single.getCertID().getSerialNumber().equals(certificate.getSerialNumber())) {
          continue;
        }
        Optional<String> stale = staleness(single);
        if (stale.isPresent()) {
          return unknown(url, stale.get());
        }
        Object status = single.getCertStatus();
        if (status == null) {
          return new Status(Status.Kind.GOOD, "good according to " + url);
        }
        if (status instanceof RevokedStatus revoked) {
          return new Status(
              Status.Kind.REVOKED, "revoked at " + revoked.getRevocationTime() + " (" + url + ")");
        }
        if (status instanceof UnknownStatus) {
          return unknown(url, "the responder does not know the certificate");
        }
      }
      return unknown(url, "the answer is about another certificate");
    } catch (IOException | RuntimeException e) {
      // a malformed answer is as good as none (Bouncy Castle throws unchecked on bad ASN.1)
      return unknown(url, e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return unknown(url, "interrupted");
    } catch (org.bouncycastle.operator.OperatorCreationException
        | org.bouncycastle.cert.ocsp.OCSPException e) {
      return unknown(url, e.getMessage());
    }
  }

  /** RFC 6960 4.2.2.1: thisUpdate not in the future, nextUpdate not in the past. */
  private Optional<String> staleness(SingleResp single) {
    Instant now = clock.instant();
    Instant thisUpdate = single.getThisUpdate().toInstant();
    if (thisUpdate.isAfter(now.plus(CLOCK_SKEW))) {
      return Optional.of("the answer's thisUpdate " + thisUpdate + " is in the future");
    }
    Instant nextUpdate =
        single.getNextUpdate() == null
            ? thisUpdate.plus(MAX_AGE_WITHOUT_NEXT_UPDATE)
            : single.getNextUpdate().toInstant();
    if (nextUpdate.isBefore(now.minus(CLOCK_SKEW))) {
      return Optional.of("the answer is stale (valid until " + nextUpdate + ")");
    }
    return Optional.empty();
  }

  private boolean signedForIssuer(BasicOCSPResp basic, X509CertificateHolder issuer) {
    try {
      if (basic.isSignatureValid(SignatureVerifiers.forIssuer(issuer.getSubjectPublicKeyInfo()))) {
        return true;
      }
      for (X509CertificateHolder responder : basic.getCerts()) {
        ExtendedKeyUsage eku = ExtendedKeyUsage.fromExtensions(responder.getExtensions());
        if (eku != null
            && eku.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning)
            && responder.isValidOn(Date.from(clock.instant()))
            && responder.isSignatureValid(
                SignatureVerifiers.forIssuer(issuer.getSubjectPublicKeyInfo()))
            && basic.isSignatureValid(
                SignatureVerifiers.forKey(responder.getSubjectPublicKeyInfo()))) {
          return true;
        }
      }
      return false;
    } catch (org.bouncycastle.operator.OperatorCreationException
        | org.bouncycastle.cert.ocsp.OCSPException
        | org.bouncycastle.cert.CertException e) {
      return false; // what cannot be verified is not signed for this issuer
    }
  }

  private static Status unknown(String url, String why) {
    return new Status(Status.Kind.UNKNOWN, "OCSP at " + url + ": " + why);
  }

  private static Optional<String> ocspUrl(X509CertificateHolder certificate) {
    var aia = AuthorityInformationAccess.fromExtensions(certificate.getExtensions());
    if (aia == null) {
      return Optional.empty();
    }
    for (AccessDescription d : aia.getAccessDescriptions()) {
      if (d.getAccessMethod().equals(AccessDescription.id_ad_ocsp)
          && d.getAccessLocation().getTagNo() == GeneralName.uniformResourceIdentifier) {
        String url = d.getAccessLocation().getName().toString();
        if (url.startsWith("http://") || url.startsWith("https://")) {
          return Optional.of(url);
        }
      }
    }
    return Optional.empty();
  }
}
