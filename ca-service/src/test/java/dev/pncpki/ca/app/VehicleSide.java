package dev.pncpki.ca.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * The vehicle's side of a contract, done by an implementation that is not ours: Python {@code
 * cryptography} (from the test virtual environment) decrypts the envelope the service returned with
 * the vehicle's static private key (ECDH, concatenation KDF, AES-128-CBC for ISO 15118-2 or
 * AES-256-GCM for -20) and checks that the recovered scalar times G is the contract certificate's
 * public key. It prints the scalar in hex.
 */
final class VehicleSide {
  private static final String SCRIPT =
      """
      import base64, json, sys
      from cryptography import x509
      from cryptography.hazmat.primitives import hashes, serialization
      from cryptography.hazmat.primitives.asymmetric import ec
      from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
      from cryptography.hazmat.primitives.ciphers.aead import AESGCM
      from cryptography.hazmat.primitives.kdf.concatkdf import ConcatKDFHash

      data = json.load(open(sys.argv[1]))
      static = serialization.load_pem_private_key(open(sys.argv[2], 'rb').read(), None)
      curve = static.curve
      cd = data['contractData']
      field = base64.b64decode(cd['contractSignatureEncryptedPrivateKey'])
      dh = ec.EllipticCurvePublicKey.from_encoded_point(curve, base64.b64decode(cd['dHpublickey']))
      cert = x509.load_der_x509_certificate(
          base64.b64decode(cd['contractSignatureCertChain']['contractSignatureCertChainCertificate']))
      z = static.exchange(ec.ECDH(), dh)
      if curve.name == 'secp256r1':
          k = ConcatKDFHash(hashes.SHA256(), 16, b'\\x01\\x55\\x56').derive(z)
          d = Cipher(algorithms.AES(k), modes.CBC(field[:16])).decryptor()
          plain = d.update(field[16:]) + d.finalize()
      else:
          k = ConcatKDFHash(hashes.SHA512(), 32, b'\\x01\\x55\\x56').derive(z)
          ski = cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
          aad = data['pcid'].encode('ascii') + ski.hex().upper().encode('ascii')
          plain = AESGCM(k).decrypt(field[:12], field[12:], aad)
          assert plain[0] & 0xFE == 0, 'top 7 bits set'
      scalar = int.from_bytes(plain, 'big')
      recovered = ec.derive_private_key(scalar, curve).public_key().public_numbers()
      expected = cert.public_key().public_numbers()
      assert (recovered.x, recovered.y) == (expected.x, expected.y), 'scalar does not match'
      print(plain.hex())
      """;

  private VehicleSide() {}

  /** The contract scalar (hex) that an independent implementation recovers from the answer. */
  static String decrypt(Path dir, JsonNode contract, KeyPair vehicleStaticKey) throws Exception {
    Path script = dir.resolve("vehicle.py");
    Files.writeString(script, SCRIPT);
    Path answer = Files.createTempFile(dir, "contract", ".json");
    Files.writeString(answer, contract.toString());
    Path key = Files.createTempFile(dir, "vehicle", ".pem");
    // PKCS#8 PEM of a key made by this test run (Python's loader wants PKCS#8, not SEC1)
    try (var w = new JcaPEMWriter(Files.newBufferedWriter(key))) {
      w.writeObject(new JcaPKCS8Generator(vehicleStaticKey.getPrivate(), null));
    }
    String python = Path.of(System.getProperty("pnc.venv"), "bin", "python").toString();
    Process p =
        new ProcessBuilder(List.of(python, script.toString(), answer.toString(), key.toString()))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes()).strip();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  /** A private key as the vehicle would hold it, from a scalar in hex (for the update step). */
  static KeyPair keyPairFromScalar(String curve, String hex) throws Exception {
    var spec = new java.security.spec.ECGenParameterSpec(curve);
    var parameters = java.security.AlgorithmParameters.getInstance("EC");
    parameters.init(spec);
    var ecSpec = parameters.getParameterSpec(java.security.spec.ECParameterSpec.class);
    var factory = java.security.KeyFactory.getInstance("EC");
    var d = new java.math.BigInteger(hex, 16);
    var priv = factory.generatePrivate(new java.security.spec.ECPrivateKeySpec(d, ecSpec));
    return new KeyPair(null, priv);
  }

  static byte[] b64(JsonNode node) {
    return Base64.getDecoder().decode(node.asText());
  }
}
