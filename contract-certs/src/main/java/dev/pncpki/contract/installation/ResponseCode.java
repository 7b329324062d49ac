package dev.pncpki.contract.installation;

/**
 * ISO 15118-2 {@code responseCodeType} values a CertificateInstallationRes or CertificateUpdateRes
 * carries (ISO 15118-2 V2G_CI_MsgDataTypes.xsd).
 */
public enum ResponseCode {
  OK,
  OK_CertificateExpiresSoon,
  FAILED,
  FAILED_SignatureError,
  FAILED_CertificateExpired,
  FAILED_CertificateRevoked,
  FAILED_NoCertificateAvailable,
  FAILED_CertChainError,
  FAILED_ContractCanceled;

  public boolean failed() {
    return name().startsWith("FAILED");
  }
}
