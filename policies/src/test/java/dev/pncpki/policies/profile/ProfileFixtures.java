package dev.pncpki.policies.profile;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test material for the profile tests, all generated here with the JDK: key pairs per suite, one
 * self-signed issuing CA per suite, valid template requests for every profile, and a way to build
 * certificates by hand that a profile would never produce.
 */
final class ProfileFixtures {

  static final String EMAID = "DE8AACA2B3C4D5L";
  static final String PCID = "WMI1234567890ABCD";

  /**
   * HUBSUP's example, written for display; SECC leaves keep the SECC ID as the station sends it.
   */
  static final String SECC_ID = "DE-ICE-S-00003C4D557878675645330967543476-2";

  static final String STATION_ID = "CS001";
  static final String CSMS_HOST = "csms.example.test";
  static final String ORGANIZATION = "PnC Test Operator";
  static final String COUNTRY = "DE";
  static final URI OCSP_URL = URI.create("http://ocsp.pki.example.test");
  static final URI CRL_URL = URI.create("http://crl.pki.example.test/ca.crl");

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Map<Suite, Issuer> ISSUERS = new ConcurrentHashMap<>();

  private ProfileFixtures() {}

  /** A CA that signs the non-root certificates of one suite. */
  record Issuer(KeyPair keys, X509CertificateHolder certificate) {
    IssuerRef ref() {
      return IssuerRef.of(certificate);
    }
  }

  /** A certificate issued for a test, with what it was built from. */
  record Issued(
      CertificateTemplate template, X509CertificateHolder certificate, PublicKey issuerKey) {}

  static KeyPair keyPair(KeyAlgorithm algorithm) {
    try {
      return switch (algorithm) {
        case EC_P256 -> ecKeyPair("secp256r1");
        case EC_P521 -> ecKeyPair("secp521r1");
        case ED448 -> KeyPairGenerator.getInstance("Ed448").generateKeyPair();
      };
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair ecKeyPair(String curve) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec(curve));
    return generator.generateKeyPair();
  }

  /** The JCA signature name that produces the suite's certificate signature. */
  static String signatureName(KeyAlgorithm algorithm) {
    return switch (algorithm) {
      case EC_P256 -> "SHA256withECDSA";
      case EC_P521 -> "SHA512withECDSA";
      case ED448 -> "Ed448";
    };
  }

  static ContentSigner signer(String signatureName, PrivateKey key) {
    try {
      return new JcaContentSignerBuilder(signatureName).build(key);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  static SubjectPublicKeyInfo publicKeyInfo(PublicKey key) {
    return SubjectPublicKeyInfo.getInstance(key.getEncoded());
  }

  /** 16 random bytes with the top bit cleared and the next one set: positive, exactly 16 octets. */
  static BigInteger randomSerial() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    bytes[0] = (byte) ((bytes[0] & 0x7f) | 0x40);
    return new BigInteger(1, bytes);
  }

  /** A common name of the kind the profile's subject rule asks for. */
  static String commonNameFor(CertificateProfile profile) {
    return switch (profile.rule(SubjectRule.class).commonName()) {
      case NAME -> "Test " + profile.id().label();
      case EMAID -> EMAID;
      case PCID -> PCID;
      case SECC -> SECC_ID;
      case CHARGING_STATION -> STATION_ID;
      case DNS_NAME -> CSMS_HOST;
    };
  }

  /** A request that the profile accepts, for a fresh subject key of the profile's suite. */
  static RequestBuilder validRequest(CertificateProfile profile) {
    return new RequestBuilder(profile, keyPair(profile.keyAlgorithm()));
  }

  /** The self-signed CA of the suite (built with the suite's V2G root profile). */
  static Issuer issuer(Suite suite) {
    return ISSUERS.computeIfAbsent(suite, ProfileFixtures::newRoot);
  }

  private static Issuer newRoot(Suite suite) {
    CertificateProfile root = ProfileCatalog.get(ProfileId.V2G_ROOT, suite);
    KeyPair keys = keyPair(suite.keyAlgorithm());
    TemplateRequest request = new RequestBuilder(root, keys).build();
    X509CertificateHolder cert =
        root.template(request).sign(signer(signatureName(suite.keyAlgorithm()), keys.getPrivate()));
    return new Issuer(keys, cert);
  }

  /** Issues a valid certificate of the profile, signed by the suite's CA (or itself if a root). */
  static Issued issue(CertificateProfile profile) {
    return issue(profile, validRequest(profile));
  }

  static Issued issue(CertificateProfile profile, RequestBuilder request) {
    KeyAlgorithm algorithm = profile.keyAlgorithm();
    CertificateTemplate template = profile.template(request.build());
    if (profile.id().tier() == ProfileId.Tier.ROOT) {
      PrivateKey own = request.subjectKeyPair().getPrivate();
      X509CertificateHolder cert = template.sign(signer(signatureName(algorithm), own));
      return new Issued(template, cert, request.subjectKeyPair().getPublic());
    }
    Issuer issuer = issuer(profile.suite());
    X509CertificateHolder cert =
        template.sign(signer(signatureName(algorithm), issuer.keys().getPrivate()));
    return new Issued(template, cert, issuer.keys().getPublic());
  }

  /**
   * Builds and signs the template's certificate by hand, bypassing the profile: the signer may use
   * any algorithm and {@code edit} may change, drop or add extensions.
   */
  static X509CertificateHolder buildByHand(
      CertificateTemplate template, ContentSigner signer, UnaryOperator<List<Extension>> edit) {
    var builder =
        new X509v3CertificateBuilder(
            template.issuer(),
            template.serialNumber(),
            Date.from(template.notBefore()),
            Date.from(template.notAfter()),
            template.subject(),
            template.subjectKey());
    try {
      for (Extension e : edit.apply(new ArrayList<>(template.extensions()))) {
        builder.addExtension(e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return builder.build(signer);
  }

  static X509Certificate toJdk(X509CertificateHolder holder) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS);
  }

  /** Builds template requests: starts valid for its profile, each method breaks one thing. */
  static final class RequestBuilder {
    private final CertificateProfile profile;
    private KeyPair subjectKeyPair;
    private String commonName;
    private String organization = ORGANIZATION;
    private String country = COUNTRY;
    private BigInteger serial = randomSerial();
    private Instant notBefore = now();
    private Instant notAfter;
    private Optional<URI> ocspUrl;
    private Optional<URI> crlUrl;

    private RequestBuilder(CertificateProfile profile, KeyPair subjectKeyPair) {
      this.profile = profile;
      this.subjectKeyPair = subjectKeyPair;
      this.commonName = commonNameFor(profile);
      this.notAfter = notBefore.plus(profile.maxValidity());
      this.ocspUrl = wanted(profile.rule(OcspAccessRule.class).presence(), OCSP_URL);
      this.crlUrl = wanted(profile.rule(CrlDistributionRule.class).presence(), CRL_URL);
    }

    private static Optional<URI> wanted(Presence presence, URI url) {
      return presence == Presence.ABSENT ? Optional.empty() : Optional.of(url);
    }

    KeyPair subjectKeyPair() {
      return subjectKeyPair;
    }

    RequestBuilder subjectKey(KeyPair keys) {
      this.subjectKeyPair = keys;
      return this;
    }

    RequestBuilder commonName(String value) {
      this.commonName = value;
      return this;
    }

    RequestBuilder organization(String value) {
      this.organization = value;
      return this;
    }

    RequestBuilder country(String value) {
      this.country = value;
      return this;
    }

    RequestBuilder serial(BigInteger value) {
      this.serial = value;
      return this;
    }

    RequestBuilder validFor(Duration period) {
      this.notAfter = notBefore.plus(period);
      return this;
    }

    RequestBuilder ocspUrl(Optional<URI> value) {
      this.ocspUrl = value;
      return this;
    }

    RequestBuilder crlUrl(Optional<URI> value) {
      this.crlUrl = value;
      return this;
    }

    TemplateRequest build() {
      Optional<IssuerRef> issuer =
          profile.id().tier() == ProfileId.Tier.ROOT
              ? Optional.empty()
              : Optional.of(issuer(profile.suite()).ref());
      return new TemplateRequest(
          SubjectFields.of(commonName, organization, country),
          publicKeyInfo(subjectKeyPair.getPublic()),
          issuer,
          serial,
          notBefore,
          notAfter,
          ocspUrl,
          crlUrl);
    }
  }
}
