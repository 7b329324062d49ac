package dev.pncpki.ca.ceremony;

import dev.pncpki.policies.profile.CertificateProfile;
import dev.pncpki.policies.profile.IssuerRef;
import dev.pncpki.policies.profile.KeyAlgorithm;
import dev.pncpki.policies.profile.ProfileViolationException;
import dev.pncpki.policies.profile.Violation;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds and lints every certificate of a plan with throwaway keys before any real key is made, so
 * that a plan the profiles reject creates nothing at all.
 */
final class DryRun {
  private final Map<KeyAlgorithm, KeyPair> throwaway = new EnumMap<>(KeyAlgorithm.class);

  void check(CeremonyPlan plan, Instant now) {
    for (CertificateSpec spec : plan.certificates()) {
      CertificateProfile profile = spec.profile();
      KeyPair pair = throwaway.computeIfAbsent(profile.keyAlgorithm(), DryRun::generate);
      String where = "certificate " + spec.id() + " (" + profile.label() + ")";
      try {
        var request =
            Ceremony.request(
                plan,
                spec,
                spkiOf(pair),
                placeholderIssuer(spec),
                BigInteger.ONE.shiftLeft(120),
                now);
        X509CertificateHolder cert =
            profile.template(request).sign(signer(profile.keyAlgorithm(), pair));
        List<Violation> violations = profile.violations(cert);
        if (!violations.isEmpty()) {
          throw new ProfileViolationException(profile.label(), violations);
        }
      } catch (ProfileViolationException e) {
        throw new CeremonyException(where + ": " + e.getMessage());
      }
    }
  }

  private static Optional<IssuerRef> placeholderIssuer(CertificateSpec spec) {
    if (spec.external()) {
      return Optional.of(ExternalRequest.placeholderIssuer());
    }
    return spec.issuer()
        .map(id -> new IssuerRef(new X500Name("CN=" + id + ",O=dry run,C=DE,DC=V2G"), new byte[8]));
  }

  static SubjectPublicKeyInfo spkiOf(KeyPair pair) {
    return SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded());
  }

  private static org.bouncycastle.operator.ContentSigner signer(
      KeyAlgorithm algorithm, KeyPair pair) {
    String name =
        switch (algorithm) {
          case EC_P256 -> "SHA256withECDSA";
          case EC_P521 -> "SHA512withECDSA";
          case ED448 -> "Ed448";
        };
    try {
      return new JcaContentSignerBuilder(name).build(pair.getPrivate());
    } catch (OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair generate(KeyAlgorithm algorithm) {
    try {
      if (algorithm == KeyAlgorithm.ED448) {
        return KeyPairGenerator.getInstance("Ed448").generateKeyPair();
      }
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(algorithm.curveName()));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static Instant notAfter(Instant notBefore, CertificateSpec spec) {
    return notBefore.plus(Duration.ofDays(spec.validityDays()));
  }
}
