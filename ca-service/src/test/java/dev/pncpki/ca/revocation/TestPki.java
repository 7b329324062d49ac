package dev.pncpki.ca.revocation;

import dev.pncpki.ca.issuance.SerialNumbers;
import dev.pncpki.ca.issuance.TemplateSigning;
import dev.pncpki.ca.keys.KeyBackend;
import dev.pncpki.ca.keys.KeyHandle;
import dev.pncpki.ca.keys.KeyName;
import dev.pncpki.ca.keys.software.SoftwareKeyBackend;
import dev.pncpki.policies.profile.IssuerRef;
import dev.pncpki.policies.profile.KeyAlgorithm;
import dev.pncpki.policies.profile.ProfileCatalog;
import dev.pncpki.policies.profile.SubjectFields;
import dev.pncpki.policies.profile.TemplateRequest;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * A V2G root with CPO Sub-CA 2s below it, each with its delegated OCSP signer and charging-station
 * leaves; keys in a software backend, certificates as PEM files in one folder (name.pem).
 */
final class TestPki {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final KeyBackend backend;
  private final Path dir;
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final X509CertificateHolder root;
  private final KeyHandle rootKey;

  private TestPki(Path dir) {
    this.dir = dir;
    this.backend = new SoftwareKeyBackend(dir.resolve("keys"), "pw".toCharArray());
    this.rootKey = key("root");
    this.root =
        sign(
            "v2g-root",
            "Test V2G Root",
            rootKey.publicKey(),
            Optional.empty(),
            rootKey,
            Duration.ofDays(3650));
    write("root", root);
  }

  static TestPki create(Path dir) {
    return new TestPki(dir);
  }

  KeyBackend backend() {
    return backend;
  }

  X509CertificateHolder root() {
    return root;
  }

  Path pem(String name) {
    return dir.resolve(name + ".pem");
  }

  Path file(String name) {
    return dir.resolve(name);
  }

  /** A Sub-CA 2 (written as {id}.pem) and its OCSP signer ({id}-ocsp.pem). */
  IssuingCa subCa(String id) {
    KeyHandle key = key(id + "-ca");
    X509CertificateHolder ca =
        sign(
            "cpo-sub-ca-2",
            "Test CPO Sub-CA 2 " + id,
            key.publicKey(),
            Optional.of(root),
            rootKey,
            Duration.ofDays(700));
    KeyHandle signerKey = key(id + "-ocsp");
    X509CertificateHolder signer =
        sign(
            "ocsp-signer",
            "Test OCSP Signer " + id,
            signerKey.publicKey(),
            Optional.of(ca),
            key,
            Duration.ofDays(90));
    write(id, ca);
    write(id + "-ocsp", signer);
    return new IssuingCa(id, ca, key, signer, signerKey);
  }

  /** A charging-station client certificate (written as {stationId}.pem) issued by the CA. */
  X509CertificateHolder leaf(IssuingCa ca, String stationId) {
    try {
      var generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      var key =
          SubjectPublicKeyInfo.getInstance(generator.generateKeyPair().getPublic().getEncoded());
      X509CertificateHolder leaf =
          sign(
              "charging-station-client",
              stationId,
              key,
              Optional.of(ca.certificate()),
              ca.key(),
              Duration.ofDays(60));
      write(stationId, leaf);
      return leaf;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  Path write(String name, X509CertificateHolder certificate) {
    return writePem(pem(name), certificate);
  }

  static Path writePem(Path file, Object object) {
    var out = new StringWriter();
    try (var writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return Files.writeString(file, out.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private KeyHandle key(String name) {
    return backend.createKey(new KeyName("pnc-" + name), KeyAlgorithm.EC_P256);
  }

  private X509CertificateHolder sign(
      String profile,
      String commonName,
      SubjectPublicKeyInfo subjectKey,
      Optional<X509CertificateHolder> issuer,
      KeyHandle issuerKey,
      Duration validity) {
    // roots and OCSP signers carry neither AIA nor CRL distribution point in their profiles
    boolean withUrls = !profile.equals("v2g-root") && !profile.equals("ocsp-signer");
    var request =
        new TemplateRequest(
            SubjectFields.of(commonName, "pnc-pki test", "DE"),
            subjectKey,
            issuer.map(IssuerRef::of),
            SerialNumbers.random(RANDOM),
            now.minus(Duration.ofHours(1)),
            now.plus(validity),
            Optional.of(URI.create("http://localhost/ocsp/test")).filter(u -> withUrls),
            Optional.of(URI.create("http://localhost/crl/test")).filter(u -> withUrls));
    return TemplateSigning.signAndCheck(
        ProfileCatalog.byLabel(profile).template(request), backend, issuerKey);
  }
}
