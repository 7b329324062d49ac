package dev.pncpki.ca.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An external root operator made with the openssl command line only, none of the project's code: a
 * self-signed root and what it signs (Sub-CAs from requests, leaves), in a folder of its own, with
 * {@code openssl ca} keeping its index as a real operator's would, and naming its own OCSP
 * responder and CRL (on the reserved .invalid domain: nothing here fetches them). Keys are on the
 * curve given ({@code prime256v1} for ISO 15118-2, {@code secp521r1} for -20).
 */
public final class OpensslRootOperator {
  private final Path dir;
  private final String curve;
  private final String digest;
  public final Path rootKey;
  public final Path root;

  private OpensslRootOperator(Path dir, String curve) {
    this.dir = dir;
    this.curve = curve;
    this.digest = curve.equals("secp521r1") ? "sha512" : "sha256";
    this.rootKey = dir.resolve("root.key");
    this.root = dir.resolve("root.pem");
  }

  /** A root operator with a root valid for ten years from now. */
  public static OpensslRootOperator create(Path dir, String subject, String curve)
      throws IOException {
    return create(dir, subject, curve, 3650);
  }

  /** A root operator with a root valid for {@code days} from now. */
  public static OpensslRootOperator create(Path dir, String subject, String curve, int days)
      throws IOException {
    Files.createDirectories(dir);
    var operator = new OpensslRootOperator(dir, curve);
    Files.writeString(dir.resolve("index.txt"), "");
    Files.writeString(dir.resolve("serial"), "1000\n");
    Files.writeString(dir.resolve("openssl.cnf"), operator.config());
    ok(
        "req",
        "-x509",
        "-new",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:" + curve,
        "-nodes",
        "-keyout",
        operator.rootKey.toString(),
        "-out",
        operator.root.toString(),
        "-" + operator.digest,
        "-days",
        String.valueOf(days),
        "-subj",
        subject,
        "-config",
        dir.resolve("openssl.cnf").toString(),
        "-extensions",
        "v3_root");
    return operator;
  }

  private String config() {
    return """
        [ca]
        default_ca = operator
        [operator]
        dir = %s
        database = $dir/index.txt
        new_certs_dir = $dir
        serial = $dir/serial
        default_md = %s
        policy = anything
        unique_subject = no
        copy_extensions = none
        [anything]
        commonName = supplied
        organizationName = optional
        countryName = optional
        domainComponent = optional
        [req]
        distinguished_name = dn
        [dn]
        [v3_root]
        basicConstraints = critical, CA:TRUE
        keyUsage = critical, keyCertSign, cRLSign
        subjectKeyIdentifier = hash
        [v3_sub_ca_1]
        authorityInfoAccess = OCSP;URI:http://ocsp.root-operator.invalid/
        crlDistributionPoints = URI:http://crl.root-operator.invalid/root.crl
        basicConstraints = critical, CA:TRUE, pathlen:1
        keyUsage = critical, keyCertSign, cRLSign
        subjectKeyIdentifier = hash
        authorityKeyIdentifier = keyid
        [v3_sub_ca_2]
        authorityInfoAccess = OCSP;URI:http://ocsp.root-operator.invalid/
        crlDistributionPoints = URI:http://crl.root-operator.invalid/root.crl
        basicConstraints = critical, CA:TRUE, pathlen:0
        keyUsage = critical, keyCertSign, cRLSign
        subjectKeyIdentifier = hash
        authorityKeyIdentifier = keyid
        [v3_leaf]
        authorityInfoAccess = OCSP;URI:http://ocsp.root-operator.invalid/
        crlDistributionPoints = URI:http://crl.root-operator.invalid/root.crl
        basicConstraints = critical, CA:FALSE
        keyUsage = critical, digitalSignature, keyAgreement
        subjectKeyIdentifier = hash
        authorityKeyIdentifier = keyid
        """
        .formatted(dir, digest);
  }

  /** Signs a PKCS#10 request as a Sub-CA ({@code v3_sub_ca_1} or {@code v3_sub_ca_2}). */
  public Path sign(Path request, String extensions, String name, int days) throws IOException {
    Path out = dir.resolve(name + ".pem");
    ok(
        "ca",
        "-batch",
        "-config",
        dir.resolve("openssl.cnf").toString(),
        "-cert",
        root.toString(),
        "-keyfile",
        rootKey.toString(),
        "-in",
        request.toString(),
        "-out",
        out.toString(),
        "-days",
        String.valueOf(days),
        "-extensions",
        extensions,
        "-notext");
    return out;
  }

  /**
   * A cross-certificate: this operator's root signs the name and key of another root, read from
   * that root's self-signed certificate ({@code openssl ca -ss_cert}, its name kept as encoded),
   * carrying that root's own subjectKeyIdentifier, so that the other root's children, whose
   * authorityKeyIdentifier names it, link to the cross-certificate too.
   */
  public Path crossSign(Path otherRoot, String name, int days) throws IOException {
    Path out = dir.resolve(name + ".pem");
    String ski =
        ok("x509", "-in", otherRoot.toString(), "-noout", "-ext", "subjectKeyIdentifier")
            .lines()
            .skip(1)
            .findFirst()
            .orElseThrow()
            .strip();
    Path extensions = dir.resolve(name + ".ext");
    Files.writeString(
        extensions,
        """
        [cross]
        basicConstraints = critical, CA:TRUE
        keyUsage = critical, keyCertSign, cRLSign
        subjectKeyIdentifier = %s
        authorityKeyIdentifier = keyid
        """
            .formatted(ski));
    ok(
        "ca",
        "-batch",
        "-config",
        dir.resolve("openssl.cnf").toString(),
        "-cert",
        root.toString(),
        "-keyfile",
        rootKey.toString(),
        "-ss_cert",
        otherRoot.toString(),
        "-preserveDN",
        "-out",
        out.toString(),
        "-days",
        String.valueOf(days),
        "-extfile",
        extensions.toString(),
        "-extensions",
        "cross",
        "-notext");
    return out;
  }

  /** A key and a certificate signed by the root with {@code extensions}, for {@code subject}. */
  public Path issue(String subject, String extensions, String name) throws IOException {
    Path request = request(subject, name);
    return sign(request, extensions, name, 365);
  }

  /** A new key {@code name}.key and its PKCS#10 request {@code name}.csr for {@code subject}. */
  private Path request(String subject, String name) throws IOException {
    Path key = dir.resolve(name + ".key");
    Path request = dir.resolve(name + ".csr");
    ok(
        "req",
        "-new",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:" + curve,
        "-nodes",
        "-keyout",
        key.toString(),
        "-out",
        request.toString(),
        "-subj",
        subject,
        "-config",
        dir.resolve("openssl.cnf").toString());
    return request;
  }

  /** A self-signed root whose validity ended before now (openssl ca -selfsign with dates). */
  public Path expiredRoot(String subject) throws IOException {
    Path request = request(subject, "expired");
    Path key = dir.resolve("expired.key");
    Path out = dir.resolve("expired.pem");
    ok(
        "ca",
        "-batch",
        "-selfsign",
        "-config",
        dir.resolve("openssl.cnf").toString(),
        "-keyfile",
        key.toString(),
        "-in",
        request.toString(),
        "-out",
        out.toString(),
        "-startdate",
        "20200101000000Z",
        "-enddate",
        "20210101000000Z",
        "-extensions",
        "v3_root",
        "-notext");
    return out;
  }

  /** The SHA-256 fingerprint of a certificate as openssl prints it (colon-separated hex). */
  public static String sha256(Path certificate) {
    String out =
        ok("x509", "-in", certificate.toString(), "-noout", "-fingerprint", "-sha256").strip();
    return out.substring(out.indexOf('=') + 1);
  }

  private static String ok(String... args) {
    var result = Openssl.run(args);
    if (result.exitCode() != 0) {
      throw new IllegalStateException(
          "openssl " + String.join(" ", new ArrayList<>(List.of(args))) + ": " + result.output());
    }
    return result.output();
  }
}
