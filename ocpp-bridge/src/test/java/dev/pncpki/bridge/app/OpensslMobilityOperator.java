package dev.pncpki.bridge.app;

import dev.pncpki.ca.testing.Openssl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An independent mobility operator made with the openssl command line only: its own MO root, Sub-CA
 * 1 and Sub-CA 2 (ISO 15118-2, P-256), contract certificates issued by {@code openssl ca} from
 * Sub-CA 2 with whatever OCSP and CRL pointers a test asks for, revocation with {@code openssl ca
 * -revoke}, a CRL from {@code openssl ca -gencrl}, and {@code openssl ocsp} as Sub-CA 2's OCSP
 * responder. The Sub-CAs name no responder and no CRL, as some operators' do.
 */
final class OpensslMobilityOperator implements AutoCloseable {
  private final Path dir;
  private final String name;
  private Process responder;
  private int responderPort;

  private OpensslMobilityOperator(Path dir, String name) {
    this.dir = dir;
    this.name = name;
  }

  static OpensslMobilityOperator create(Path dir, String name) throws IOException {
    var operator = new OpensslMobilityOperator(dir, name);
    operator.ca("root");
    operator.ca("sub1");
    operator.ca("sub2");
    ok(
        "req",
        "-x509",
        "-new",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        operator.key("root"),
        "-out",
        operator.cert("root"),
        "-sha256",
        "-days",
        "3650",
        "-subj",
        "/CN=" + name + " MO Root/O=" + name,
        "-config",
        operator.config("root"),
        "-extensions",
        "v3_root");
    operator.issueCa("sub1", "root", "/CN=" + name + " MO Sub-CA 1/O=" + name, "v3_sub1");
    operator.issueCa("sub2", "sub1", "/CN=" + name + " MO Sub-CA 2/O=" + name, "v3_sub2");
    return operator;
  }

  Path root() {
    return Path.of(cert("root"));
  }

  /**
   * A contract certificate for {@code emaid} naming {@code ocspUrl} and {@code crlUrl} (either may
   * be null), and the file of its chain as a station sends it: contract, Sub-CA 2, Sub-CA 1.
   */
  Path contract(String emaid, String ocspUrl, String crlUrl) throws IOException {
    Path extensions = dir.resolve(emaid + ".ext");
    StringBuilder ext = new StringBuilder("[leaf]\n");
    ext.append("basicConstraints = critical, CA:FALSE\n");
    ext.append("keyUsage = critical, digitalSignature, nonRepudiation, keyAgreement\n");
    ext.append("subjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n");
    if (ocspUrl != null) {
      ext.append("authorityInfoAccess = OCSP;URI:").append(ocspUrl).append('\n');
    }
    if (crlUrl != null) {
      ext.append("crlDistributionPoints = URI:").append(crlUrl).append('\n');
    }
    Files.writeString(extensions, ext);
    String key = dir.resolve(emaid + ".key").toString();
    String csr = dir.resolve(emaid + ".csr").toString();
    String leaf = dir.resolve(emaid + ".pem").toString();
    ok(
        "req",
        "-new",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        key,
        "-out",
        csr,
        "-subj",
        "/CN=" + emaid + "/O=" + name,
        "-config",
        config("sub2"));
    ok(
        "ca",
        "-batch",
        "-config",
        config("sub2"),
        "-in",
        csr,
        "-out",
        leaf,
        "-days",
        "365",
        "-extfile",
        extensions.toString(),
        "-extensions",
        "leaf",
        "-notext");
    reread();
    Path chain = dir.resolve(emaid + "-chain.pem");
    Files.writeString(
        chain,
        Files.readString(Path.of(leaf))
            + Files.readString(Path.of(cert("sub2")))
            + Files.readString(Path.of(cert("sub1"))));
    return chain;
  }

  /** Revokes the contract of {@code emaid} in Sub-CA 2's database and writes a new CRL. */
  void revoke(String emaid) throws IOException {
    ok(
        "ca",
        "-config",
        config("sub2"),
        "-revoke",
        dir.resolve(emaid + ".pem").toString(),
        "-crl_reason",
        "keyCompromise");
    crl();
    reread();
  }

  /**
   * A running responder is started again to read Sub-CA 2's database: openssl 3.0 notices a changed
   * index only after it answered the next request from the old one.
   */
  private void reread() throws IOException {
    if (responder != null) {
      try {
        stopResponder();
        startResponder(responderPort);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
  }

  /** Sub-CA 2's CRL (DER), as {@code openssl ca -gencrl} makes it, valid for a day. */
  byte[] crl() throws IOException {
    Path pem = dir.resolve("sub2/crl.pem");
    Path der = dir.resolve("sub2/crl.der");
    ok("ca", "-config", config("sub2"), "-gencrl", "-crldays", "1", "-out", pem.toString());
    ok("crl", "-in", pem.toString(), "-outform", "DER", "-out", der.toString());
    return Files.readAllBytes(der);
  }

  /**
   * Starts {@code openssl ocsp} for Sub-CA 2's certificates on {@code port}, signing as Sub-CA 2.
   */
  void startResponder(int port) throws IOException, InterruptedException {
    responderPort = port;
    Files.deleteIfExists(dir.resolve("ocsp.log"));
    responder =
        new ProcessBuilder(
                "openssl",
                "ocsp",
                "-index",
                dir.resolve("sub2/index.txt").toString(),
                "-port",
                String.valueOf(port),
                "-rsigner",
                cert("sub2"),
                "-rkey",
                key("sub2"),
                "-CA",
                cert("sub2"))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("ocsp.log").toFile())
            .start();
    // openssl 3.0's responder stops answering after a connection that sent nothing, so its own
    // word that it listens is awaited, not probed
    Path log = dir.resolve("ocsp.log");
    for (int i = 0; i < 100; i++) {
      if (Files.exists(log) && Files.readString(log).contains("waiting for OCSP client")) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IOException(
        "openssl ocsp did not listen on "
            + port
            + ": "
            + Files.readString(dir.resolve("ocsp.log")));
  }

  void stopResponder() throws InterruptedException {
    if (responder != null) {
      responder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      responder = null;
    }
  }

  @Override
  public void close() throws InterruptedException {
    stopResponder();
  }

  private void ca(String ca) throws IOException {
    Path home = dir.resolve(ca);
    Files.createDirectories(home);
    Files.writeString(home.resolve("index.txt"), "");
    Files.writeString(home.resolve("serial"), "1000\n");
    Files.writeString(home.resolve("crlnumber"), "01\n");
    Files.writeString(
        home.resolve("openssl.cnf"),
        """
        [ca]
        default_ca = this
        [this]
        dir = %s
        database = $dir/index.txt
        new_certs_dir = $dir
        serial = $dir/serial
        crlnumber = $dir/crlnumber
        certificate = $dir/cert.pem
        private_key = $dir/key.pem
        default_md = sha256
        default_crl_days = 1
        policy = anything
        unique_subject = no
        copy_extensions = none
        [anything]
        commonName = supplied
        organizationName = optional
        [req]
        distinguished_name = dn
        [dn]
        [v3_root]
        basicConstraints = critical, CA:TRUE
        keyUsage = critical, keyCertSign, cRLSign
        subjectKeyIdentifier = hash
        [v3_sub1]
        basicConstraints = critical, CA:TRUE, pathlen:1
        keyUsage = critical, keyCertSign, cRLSign
        subjectKeyIdentifier = hash
        authorityKeyIdentifier = keyid
        [v3_sub2]
        basicConstraints = critical, CA:TRUE, pathlen:0
        keyUsage = critical, keyCertSign, cRLSign
        subjectKeyIdentifier = hash
        authorityKeyIdentifier = keyid
        """
            .formatted(home));
  }

  private void issueCa(String ca, String issuer, String subject, String extensions)
      throws IOException {
    String csr = dir.resolve(ca + "/request.csr").toString();
    ok(
        "req",
        "-new",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        key(ca),
        "-out",
        csr,
        "-subj",
        subject,
        "-config",
        config(ca));
    ok(
        "ca",
        "-batch",
        "-config",
        config(issuer),
        "-in",
        csr,
        "-out",
        cert(ca),
        "-days",
        "1800",
        "-extensions",
        extensions,
        "-notext");
  }

  private String config(String ca) {
    return dir.resolve(ca + "/openssl.cnf").toString();
  }

  private String key(String ca) {
    return dir.resolve(ca + "/key.pem").toString();
  }

  private String cert(String ca) {
    return dir.resolve(ca + "/cert.pem").toString();
  }

  private static void ok(String... args) {
    var result = Openssl.run(args);
    if (result.exitCode() != 0) {
      throw new IllegalStateException(
          "openssl " + String.join(" ", new ArrayList<>(List.of(args))) + ": " + result.output());
    }
  }
}
