package dev.pncpki.ca.contract;

import dev.pncpki.ca.pem.CertificateInput;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.policies.id.InvalidIdentifierException;
import dev.pncpki.policies.id.Pcid;
import dev.pncpki.policies.profile.KeyAlgorithm;
import dev.pncpki.policies.profile.ProfileCatalog;
import dev.pncpki.policies.profile.Suite;
import dev.pncpki.policies.profile.Violation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * An OEM provisioning certificate with its Sub-CA certificates, checked before it is stored: the
 * profile's normative rules (key on the suite's curve, keyAgreement for the contract-key delivery
 * of ISO 15118-2 V2G2-818..820 / -20 V2G20-2534, CN = PCID), the validity of every certificate now,
 * and an RFC 5280 path (the JDK's PKIX validator) to one of the trusted OEM roots.
 */
record ProvisioningChain(
    Pcid pcid,
    Suite suite,
    X509CertificateHolder leaf,
    Optional<X509CertificateHolder> subCa2,
    X509CertificateHolder subCa1,
    TrustAnchorRow root) {

  static ProvisioningChain validate(
      X509CertificateHolder leaf,
      Optional<X509CertificateHolder> subCa2,
      X509CertificateHolder subCa1,
      List<TrustAnchorRow> anchors,
      Instant now) {
    Suite suite = suiteOf(leaf);
    try {
      // the contract key is encrypted to this point: it must be a valid point of the curve
      PublicKeyFactory.createKey(leaf.getSubjectPublicKeyInfo());
    } catch (IOException | RuntimeException e) {
      throw new RefusedException(
          Refusal.WRONG_KEY_TYPE, "the provisioning certificate's public key is not a valid point");
    }
    Pcid pcid = pcidOf(leaf);
    List<Violation> violations =
        ProfileCatalog.byLabel(label(suite)).violations(leaf).stream()
            .filter(v -> v.source().confirmed())
            .toList();
    if (!violations.isEmpty()) {
      throw new RefusedException(
          Refusal.PROFILE_VIOLATION,
          "the provisioning certificate breaks " + label(suite),
          violations.stream().map(Object::toString).toList(),
          null);
    }
    List<X509CertificateHolder> path = new ArrayList<>();
    path.add(leaf);
    subCa2.ifPresent(path::add);
    path.add(subCa1);
    for (X509CertificateHolder c : path) {
      if (!c.isValidOn(Date.from(now))) {
        throw new RefusedException(
            Refusal.CERTIFICATE_EXPIRED,
            c.getSubject() + " is valid from " + c.getNotBefore() + " to " + c.getNotAfter());
      }
    }
    TrustAnchorRow root = pathToRoot(path, anchors, now);
    return new ProvisioningChain(pcid, suite, leaf, subCa2, subCa1, root);
  }

  static String label(Suite suite) {
    return "oem-provisioning-leaf" + (suite == Suite.ISO15118_2 ? "" : "@" + suite.label());
  }

  private static Suite suiteOf(X509CertificateHolder leaf) {
    KeyAlgorithm algorithm =
        KeyAlgorithm.of(leaf.getSubjectPublicKeyInfo())
            .orElseThrow(
                () ->
                    new RefusedException(
                        Refusal.WRONG_KEY_TYPE,
                        "the provisioning certificate's key is not on secp256r1 (ISO 15118-2)"
                            + " or secp521r1 (ISO 15118-20)"));
    return switch (algorithm) {
      case EC_P256 -> Suite.ISO15118_2;
      case EC_P521 -> Suite.ISO15118_20_P521;
      case ED448 ->
          throw new RefusedException(
              Refusal.WRONG_KEY_TYPE,
              "an Ed448 provisioning key cannot receive a contract key: ISO 15118-20 X448"
                  + " delivery uses the certificate's alternate key, which is not supported");
    };
  }

  private static Pcid pcidOf(X509CertificateHolder leaf) {
    var cns = leaf.getSubject().getRDNs(BCStyle.CN);
    if (cns.length != 1) {
      throw new RefusedException(
          Refusal.INVALID_PCID, "the provisioning certificate must have one CN, the PCID");
    }
    String cn = IETFUtils.valueToString(cns[0].getFirst().getValue());
    try {
      Pcid pcid = Pcid.parse(cn);
      if (!pcid.value().equals(cn)) {
        throw new RefusedException(
            Refusal.INVALID_PCID,
            "the provisioning certificate's CN \"" + cn + "\" must be written " + pcid.value());
      }
      return pcid;
    } catch (InvalidIdentifierException e) {
      throw new RefusedException(
          Refusal.INVALID_PCID,
          "the provisioning certificate's CN \"" + cn + "\" is not a PCID: " + e.getMessage());
    }
  }

  private static TrustAnchorRow pathToRoot(
      List<X509CertificateHolder> path, List<TrustAnchorRow> anchors, Instant now) {
    if (anchors.isEmpty()) {
      throw new RefusedException(
          Refusal.UNTRUSTED_CHAIN, "no OEM root is trusted for this OEM (an admin adds them)");
    }
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      List<X509Certificate> certificates = new ArrayList<>();
      for (X509CertificateHolder c : path) {
        certificates.add(x509(factory, CertificateInput.der(c)));
      }
      Set<TrustAnchor> trusted = new HashSet<>();
      for (TrustAnchorRow a : anchors) {
        trusted.add(new TrustAnchor(x509(factory, a.certificate()), null));
      }
      var parameters = new PKIXParameters(trusted);
      parameters.setRevocationEnabled(false); // checked separately, by RevocationCheck
      parameters.setDate(Date.from(now));
      var result =
          (PKIXCertPathValidatorResult)
              CertPathValidator.getInstance("PKIX")
                  .validate(factory.generateCertPath(certificates), parameters);
      byte[] anchor = result.getTrustAnchor().getTrustedCert().getEncoded();
      String id = CertificateInput.fingerprint(anchor);
      return anchors.stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
    } catch (CertPathValidatorException e) {
      String where = e.getIndex() >= 0 ? " (certificate " + e.getIndex() + " of the chain)" : "";
      throw new RefusedException(
          Refusal.UNTRUSTED_CHAIN,
          "the chain does not validate to a trusted OEM root" + where + ": " + e.getMessage());
    } catch (GeneralSecurityException e) {
      throw new RefusedException(
          Refusal.UNTRUSTED_CHAIN, "the chain cannot be validated: " + e.getMessage());
    }
  }

  private static X509Certificate x509(CertificateFactory factory, byte[] der)
      throws GeneralSecurityException {
    return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
  }
}
