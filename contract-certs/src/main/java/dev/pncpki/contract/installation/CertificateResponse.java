package dev.pncpki.contract.installation;

import java.util.List;

/**
 * The content of a CertificateInstallationRes or CertificateUpdateRes (ISO 15118-2): the response
 * code, the certificate provisioning service's chain (its leaf signs the response), and the
 * contract: its chain, its private key encrypted to the vehicle with the DH public key, and eMAID.
 */
public record CertificateResponse(
    boolean update,
    String sessionId,
    ResponseCode responseCode,
    List<byte[]> provisioningServiceChain,
    List<byte[]> contractChain,
    byte[] encryptedPrivateKey,
    byte[] dhPublicKey,
    String emaid) {

  public CertificateResponse {
    provisioningServiceChain = List.copyOf(provisioningServiceChain);
    contractChain = List.copyOf(contractChain);
    encryptedPrivateKey = encryptedPrivateKey.clone();
    dhPublicKey = dhPublicKey.clone();
    if (provisioningServiceChain.isEmpty()) {
      throw new IllegalArgumentException("the CPS chain has at least its leaf");
    }
    if (!responseCode.failed()
        && (contractChain.isEmpty()
            || encryptedPrivateKey.length != 48
            || dhPublicKey.length != 65)) {
      throw new IllegalArgumentException(
          "a successful response has a contract chain, 48 bytes of encrypted key and a 65-byte"
              + " DH public key");
    }
  }

  /**
   * A failed response. The schema requires every element; the contract elements are left empty
   * (eMAID a 14-character placeholder) and the response is not signed: a vehicle reads only the
   * code.
   */
  public static CertificateResponse failed(
      boolean update, String sessionId, ResponseCode code, List<byte[]> provisioningServiceChain) {
    if (!code.failed()) {
      throw new IllegalArgumentException(code + " is not a failure");
    }
    return new CertificateResponse(
        update,
        sessionId,
        code,
        provisioningServiceChain,
        List.of(new byte[0]),
        new byte[0],
        new byte[0],
        "ZZZZZ000000000");
  }
}
