package dev.pncpki.contract.installation;

import java.util.List;

/**
 * What a vehicle asks for through the charger (ISO 15118-2 8.4.3.11, 8.4.3.10): a first contract
 * (CertificateInstallationReq, signed with the OEM provisioning key) or a renewed one
 * (CertificateUpdateReq, signed with the current contract key). Both name the V2G roots the vehicle
 * trusts.
 */
public sealed interface CertificateRequest {
  /** The V2G session id, hex (the response carries it back). */
  String sessionId();

  List<RootCertificateId> rootCertificateIds();

  /** CertificateInstallationReq: the OEM provisioning certificate, DER. */
  record Installation(
      String sessionId,
      byte[] oemProvisioningCertificate,
      List<RootCertificateId> rootCertificateIds)
      implements CertificateRequest {
    public Installation {
      rootCertificateIds = List.copyOf(rootCertificateIds);
    }
  }

  /** CertificateUpdateReq: the current contract chain (leaf first, DER) and its eMAID. */
  record Update(
      String sessionId,
      List<byte[]> contractChain,
      String emaid,
      List<RootCertificateId> rootCertificateIds)
      implements CertificateRequest {
    public Update {
      contractChain = List.copyOf(contractChain);
      rootCertificateIds = List.copyOf(rootCertificateIds);
    }
  }
}
