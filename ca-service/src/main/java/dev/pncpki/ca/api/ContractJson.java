package dev.pncpki.ca.api;

import dev.pncpki.ca.contract.ContractRow;
import dev.pncpki.ca.contract.MessageDefinitions;
import dev.pncpki.ca.contract.ProvisioningRow;
import dev.pncpki.ca.contract.TrustAnchorRow;
import dev.pncpki.ca.issuance.Hierarchy;
import dev.pncpki.policies.profile.Suite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * JSON of the contract API. Field names follow Open Plug&Charge (OPCP 1.0.0) where it has them:
 * base64 DER certificates, {@code contractSignatureEncryptedPrivateKey}, {@code dHpublickey}.
 */
final class ContractJson {
  private ContractJson() {}

  record TrustAnchor(
      String id,
      String pki,
      String oem,
      String subject,
      Instant notAfter,
      String certificate,
      String addedBy,
      Instant addedAt) {
    static TrustAnchor of(TrustAnchorRow r) {
      return new TrustAnchor(
          r.id(),
          r.pki(),
          r.oem(),
          r.subject(),
          r.notAfter(),
          b64(r.certificate()),
          r.addedBy(),
          r.addedAt());
    }
  }

  record ProvisioningCertificate(
      String pcid,
      String oem,
      String xsdMsgDefNamespace,
      String provisioningCertificate,
      String subCa2Certificate,
      String subCa1Certificate,
      String rootCertificateId,
      Instant notAfter,
      String revocationStatus,
      String uploadedBy,
      Instant uploadedAt) {
    static ProvisioningCertificate of(ProvisioningRow r) {
      return new ProvisioningCertificate(
          r.pcid(),
          r.oem(),
          namespace(r.suite()),
          b64(r.certificate()),
          b64(r.subCa2()),
          b64(r.subCa1()),
          r.rootId(),
          r.notAfter(),
          r.revocation(),
          r.uploadedBy(),
          r.uploadedAt());
    }
  }

  record CertChain(
      String contractSignatureCertChainCertificate,
      List<String> contractSignatureCertChainSubCertificates) {}

  record ContractData(
      CertChain contractSignatureCertChain,
      String contractSignatureEncryptedPrivateKey,
      String dHpublickey,
      String emaid) {}

  record Contract(
      long id,
      String emaid,
      String pcid,
      String xsdMsgDefNamespace,
      String status,
      String operator,
      String issuerId,
      String serial,
      Instant notAfter,
      Instant createdAt,
      Long replaces,
      Long replacedBy,
      ContractData contractData) {

    /** The contract data (what the installation response carries) is there once issued. */
    static Contract of(ContractRow r, Hierarchy hierarchy, Instant now) {
      String status = r.status(now).label();
      ContractData data = null;
      if (r.certificate() != null) {
        List<String> subs =
            hierarchy.chainBelowRoot(r.issuerId()).stream().map(ContractJson::b64).toList();
        data =
            new ContractData(
                new CertChain(b64(r.certificate()), subs),
                b64(r.encryptedPrivateKey()),
                b64(r.dhPublicKey()),
                r.emaid());
      }
      return new Contract(
          r.id(),
          r.emaid(),
          r.pcid(),
          namespace(r.suite()),
          status,
          r.mo(),
          r.issuerId(),
          r.serial(),
          r.notAfter(),
          r.createdAt(),
          r.replaces(),
          r.replacedBy(),
          data);
    }
  }

  static String namespace(String suite) {
    return MessageDefinitions.namespace(Suite.fromLabel(suite));
  }

  static String b64(byte[] der) {
    return der == null ? null : Base64.getEncoder().encodeToString(der);
  }

  static String b64(org.bouncycastle.cert.X509CertificateHolder c) {
    try {
      return b64(c.getEncoded());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
