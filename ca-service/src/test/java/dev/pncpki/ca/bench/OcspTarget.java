package dev.pncpki.ca.bench;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * The certificate the OCSP phase asks about, its issuer, and the DER OCSPRequest for it: one SHA-1
 * CertID (what OpenSSL, and so most stations, send) and no nonce, the cacheable form.
 */
@SuppressWarnings("ArrayRecordComponent") // never compared; the request is sent as it is
record OcspTarget(X509CertificateHolder certificate, X509CertificateHolder issuer, byte[] request) {

  /** From the certificate and chain PEM of a POST /v1/certificates answer. */
  static OcspTarget of(String certificatePem, String chainPem)
      throws IOException, OCSPException, OperatorCreationException {
    X509CertificateHolder leaf = parse(certificatePem).get(0);
    X509CertificateHolder issuer =
        parse(chainPem).stream()
            .filter(c -> c.getSubject().equals(leaf.getIssuer()))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("the chain lacks the issuer"));
    var id =
        new CertificateID(
            new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
            issuer,
            leaf.getSerialNumber());
    byte[] der = new OCSPReqBuilder().addRequest(id).build().getEncoded();
    return new OcspTarget(leaf, issuer, der);
  }

  /**
   * Checks an answer the way a station would: successful, signed by a responder certificate the
   * issuer issued, and "good" for the asked serial. Returns a reason, or null if all is well.
   */
  String problemWith(byte[] answer) {
    try {
      var response = new OCSPResp(answer);
      if (response.getStatus() != OCSPResp.SUCCESSFUL) {
        return "OCSP status " + response.getStatus();
      }
      var basic = (BasicOCSPResp) response.getResponseObject();
      X509CertificateHolder[] certs = basic.getCerts();
      X509CertificateHolder signer = certs.length > 0 ? certs[0] : issuer;
      if (!basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(signer))) {
        return "the response signature does not verify";
      }
      if (!signer.equals(issuer)
          && !signer.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer))) {
        return "the responder certificate is not issued by the CA";
      }
      SingleResp single = basic.getResponses()[0];
      if (!single.getCertID().getSerialNumber().equals(certificate.getSerialNumber())) {
        return "answer for another serial";
      }
      // Bouncy Castle's CertificateStatus.GOOD is null
      return single.getCertStatus() == null ? null : "status is not good";
    } catch (Exception e) {
      return "unreadable response: " + e;
    }
  }

  private static List<X509CertificateHolder> parse(String pem) throws IOException {
    List<X509CertificateHolder> all = new ArrayList<>();
    try (var parser = new PEMParser(new StringReader(pem))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof X509CertificateHolder c) {
          all.add(c);
        }
      }
    }
    return all;
  }
}
