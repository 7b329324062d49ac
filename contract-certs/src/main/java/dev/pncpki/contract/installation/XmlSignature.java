package dev.pncpki.contract.installation;

import static dev.pncpki.contract.installation.Iso2Tree.DSIG;

import dev.pncpki.contract.exi.Iso2Exi;
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
 * The XML signature of ISO 15118-2 messages ([V2G2-771]; facts 3.2): canonical EXI as the
 * canonicalization and the only transform, SHA-256 digests over the EXI fragment of each referenced
 * element, ECDSA P-256 with SHA-256 over the EXI fragment of SignedInfo, and the signature value as
 * raw r‖s (64 bytes), no KeyInfo.
 */
public final class XmlSignature {
  static final String CANONICAL_EXI = "http://www.w3.org/TR/canonical-exi/";
  static final String ECDSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
  static final String SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";

  /** Signs the EXI encoding of SignedInfo: ECDSA P-256 SHA-256, raw r‖s of 32 bytes each. */
  @FunctionalInterface
  public interface RawSigner {
    byte[] sign(byte[] signedInfoExi);

    /** With a private key at hand (a vehicle, a simulator, a test): JDK ECDSA in P1363 form. */
    static RawSigner of(java.security.PrivateKey key) {
      return data -> {
        try {
          Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
          signature.initSign(key);
          signature.update(data);
          return signature.sign();
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("cannot sign: " + e.getMessage(), e);
        }
      };
    }
  }

  private final Iso2Exi exi;

  XmlSignature(Iso2Exi exi) {
    this.exi = exi;
  }

  /** Adds a Signature over {@code referenced} (each identified by its Id) to the header. */
  void sign(Element header, Map<String, Element> referenced, RawSigner signer) {
    Element signature = Iso2Tree.add(header, DSIG, "ds:Signature");
    Element signedInfo = Iso2Tree.add(signature, DSIG, "ds:SignedInfo");
    Iso2Tree.add(signedInfo, DSIG, "ds:CanonicalizationMethod")
        .setAttribute("Algorithm", CANONICAL_EXI);
    Iso2Tree.add(signedInfo, DSIG, "ds:SignatureMethod").setAttribute("Algorithm", ECDSA_SHA256);
    referenced.forEach(
        (id, element) -> {
          Element reference = Iso2Tree.add(signedInfo, DSIG, "ds:Reference");
          reference.setAttribute("URI", "#" + id);
          Iso2Tree.add(Iso2Tree.add(reference, DSIG, "ds:Transforms"), DSIG, "ds:Transform")
              .setAttribute("Algorithm", CANONICAL_EXI);
          Iso2Tree.add(reference, DSIG, "ds:DigestMethod").setAttribute("Algorithm", SHA256);
          Iso2Tree.addBase64(reference, DSIG, "ds:DigestValue", sha256(exi.fragment(element)));
        });
    byte[] value = signer.sign(exi.signedInfo(signedInfo));
    if (value.length != 64) {
      throw new IllegalStateException("an ISO 15118-2 signature value has 64 bytes (r‖s)");
    }
    Iso2Tree.addBase64(signature, DSIG, "ds:SignatureValue", value);
  }

  /**
   * Whether {@code signature} signs exactly {@code expected} (by Id, each digest matching its
   * element's EXI fragment) with {@code key}, using the algorithms above and nothing else.
   */
  boolean verify(Element signature, Map<String, Element> expected, PublicKey key) {
    Element signedInfo = Iso2Tree.required(signature, DSIG, "SignedInfo");
    if (!algorithm(signedInfo, "CanonicalizationMethod").equals(CANONICAL_EXI)
        || !algorithm(signedInfo, "SignatureMethod").equals(ECDSA_SHA256)) {
      return false;
    }
    List<Element> references = Iso2Tree.children(signedInfo, DSIG, "Reference");
    Map<String, byte[]> digests = new LinkedHashMap<>();
    for (Element reference : references) {
      String uri = reference.getAttribute("URI");
      if (!uri.startsWith("#") || !algorithm(reference, "DigestMethod").equals(SHA256)) {
        return false;
      }
      digests.put(
          uri.substring(1), Iso2Tree.base64(Iso2Tree.required(reference, DSIG, "DigestValue")));
    }
    if (digests.size() != references.size() || !digests.keySet().equals(expected.keySet())) {
      return false;
    }
    for (var e : expected.entrySet()) {
      if (!MessageDigest.isEqual(digests.get(e.getKey()), sha256(exi.fragment(e.getValue())))) {
        return false;
      }
    }
    byte[] value = Iso2Tree.base64(Iso2Tree.required(signature, DSIG, "SignatureValue"));
    try {
      Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
      verifier.initVerify(key);
      verifier.update(exi.signedInfo(signedInfo));
      return value.length == 64 && verifier.verify(value);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static String algorithm(Element parent, String local) {
    return Iso2Tree.required(parent, DSIG, local).getAttribute("Algorithm");
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
