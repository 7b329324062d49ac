package dev.pncpki.contract.installation;

import static dev.pncpki.contract.installation.V2gTree.DSIG;

import dev.pncpki.contract.exi.V2gExi;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * The XML signature of ISO 15118 messages (ISO 15118-2 [V2G2-771]; -20 [V2G20-2473..2476]):
 * canonical EXI as the canonicalization and the only transform, digests over the EXI fragment of
 * each referenced element, ECDSA over the EXI fragment of SignedInfo, the signature value as raw
 * r‖s, no KeyInfo. ISO 15118-2 uses P-256 with SHA-256; -20 P-521 with SHA-512.
 */
public final class XmlSignature {
  static final String CANONICAL_EXI = "http://www.w3.org/TR/canonical-exi/";

  /** The algorithm pair of a version, with its URIs and JDK names. */
  public enum Algorithm {
    /** ISO 15118-2. */
    ECDSA_P256_SHA256(
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
        "http://www.w3.org/2001/04/xmlenc#sha256",
        "SHA-256",
        "SHA256withECDSAinP1363Format",
        64),
    /** ISO 15118-20 on secp521r1 ([V2G20-2473..2476], as third-party tools cite them). */
    ECDSA_P521_SHA512(
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512",
        "http://www.w3.org/2001/04/xmlenc#sha512",
        "SHA-512",
        "SHA512withECDSAinP1363Format",
        132);

    final String signatureUri;
    final String digestUri;
    final String digest;
    final String jca;
    final int rawLength;

    Algorithm(String signatureUri, String digestUri, String digest, String jca, int rawLength) {
      this.signatureUri = signatureUri;
      this.digestUri = digestUri;
      this.digest = digest;
      this.jca = jca;
      this.rawLength = rawLength;
    }

    /** The digest a key backend signs for this algorithm. */
    public byte[] digest(byte[] data) {
      try {
        return MessageDigest.getInstance(digest).digest(data);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Signs the EXI encoding of SignedInfo with the version's algorithm, returning raw r‖s. */
  @FunctionalInterface
  public interface RawSigner {
    byte[] sign(byte[] signedInfoExi);

    /** ISO 15118-2 with a private key at hand (a vehicle, a simulator, a test). */
    static RawSigner of(java.security.PrivateKey key) {
      return of(key, Algorithm.ECDSA_P256_SHA256);
    }

    /** With a private key at hand: JDK ECDSA in P1363 form. */
    static RawSigner of(java.security.PrivateKey key, Algorithm algorithm) {
      return data -> {
        try {
          Signature signature = Signature.getInstance(algorithm.jca);
          signature.initSign(key);
          signature.update(data);
          return signature.sign();
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("cannot sign: " + e.getMessage(), e);
        }
      };
    }
  }

  private final V2gExi exi;
  private final Algorithm algorithm;

  XmlSignature(V2gExi exi, Algorithm algorithm) {
    this.exi = exi;
    this.algorithm = algorithm;
  }

  /** Adds a Signature over {@code referenced} (each identified by its Id) to the header. */
  void sign(Element header, Map<String, Element> referenced, RawSigner signer) {
    Element signature = V2gTree.add(header, DSIG, "ds:Signature");
    Element signedInfo = V2gTree.add(signature, DSIG, "ds:SignedInfo");
    V2gTree.add(signedInfo, DSIG, "ds:CanonicalizationMethod")
        .setAttribute("Algorithm", CANONICAL_EXI);
    V2gTree.add(signedInfo, DSIG, "ds:SignatureMethod")
        .setAttribute("Algorithm", algorithm.signatureUri);
    referenced.forEach(
        (id, element) -> {
          Element reference = V2gTree.add(signedInfo, DSIG, "ds:Reference");
          reference.setAttribute("URI", "#" + id);
          V2gTree.add(V2gTree.add(reference, DSIG, "ds:Transforms"), DSIG, "ds:Transform")
              .setAttribute("Algorithm", CANONICAL_EXI);
          V2gTree.add(reference, DSIG, "ds:DigestMethod")
              .setAttribute("Algorithm", algorithm.digestUri);
          V2gTree.addBase64(
              reference, DSIG, "ds:DigestValue", algorithm.digest(exi.fragment(element)));
        });
    byte[] value = signer.sign(exi.signedInfo(signedInfo));
    if (value.length != algorithm.rawLength) {
      throw new IllegalStateException(
          "a " + algorithm + " signature value has " + algorithm.rawLength + " bytes (r‖s)");
    }
    V2gTree.addBase64(signature, DSIG, "ds:SignatureValue", value);
  }

  /**
   * Whether {@code signature} signs exactly {@code expected} (by Id, each digest matching its
   * element's EXI fragment) with {@code key}, using the algorithms above and nothing else.
   */
  boolean verify(Element signature, Map<String, Element> expected, PublicKey key) {
    Element signedInfo = V2gTree.required(signature, DSIG, "SignedInfo");
    if (!algorithm(signedInfo, "CanonicalizationMethod").equals(CANONICAL_EXI)
        || !algorithm(signedInfo, "SignatureMethod").equals(algorithm.signatureUri)) {
      return false;
    }
    List<Element> references = V2gTree.children(signedInfo, DSIG, "Reference");
    Map<String, byte[]> digests = new LinkedHashMap<>();
    for (Element reference : references) {
      String uri = reference.getAttribute("URI");
      if (!uri.startsWith("#")
          || !algorithm(reference, "DigestMethod").equals(algorithm.digestUri)) {
        return false;
      }
      digests.put(
          uri.substring(1), V2gTree.base64(V2gTree.required(reference, DSIG, "DigestValue")));
    }
    if (digests.size() != references.size() || !digests.keySet().equals(expected.keySet())) {
      return false;
    }
    for (var e : expected.entrySet()) {
      if (!MessageDigest.isEqual(
          digests.get(e.getKey()), algorithm.digest(exi.fragment(e.getValue())))) {
        return false;
      }
    }
    byte[] value = V2gTree.base64(V2gTree.required(signature, DSIG, "SignatureValue"));
    try {
      Signature verifier = Signature.getInstance(algorithm.jca);
      verifier.initVerify(key);
      verifier.update(exi.signedInfo(signedInfo));
      return value.length == algorithm.rawLength && verifier.verify(value);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static String algorithm(Element parent, String local) {
    return V2gTree.required(parent, DSIG, local).getAttribute("Algorithm");
  }
}
