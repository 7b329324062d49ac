package dev.pncpki.ca.revocation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPRequest;
import org.bouncycastle.asn1.ocsp.Request;
import org.bouncycastle.asn1.ocsp.TBSRequest;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;

/**
 * The parts of an RFC 6960 OCSPRequest the responder acts on: the CertIDs and the nonce. A request
 * signature, requestorName and other extensions are ignored, as RFC 6960 4.1.2 allows.
 */
record StatusRequest(List<CertID> certIds, Optional<Extension> nonce) {

  /** The DER of Nonce ::= OCTET STRING (SIZE(1..32)) (RFC 8954 2.1) is at most 34 bytes. */
  private static final int MAX_NONCE_VALUE_BYTES = 34;

  StatusRequest {
    certIds = List.copyOf(certIds);
  }

  /** Thrown for anything the responder must answer with malformedRequest (RFC 6960 2.3). */
  static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }

  static StatusRequest parse(byte[] der, int maxSingleRequests) throws MalformedException {
    StatusRequest request = decode(der);
    if (request.certIds().isEmpty()) {
      throw new MalformedException("no CertID in request");
    }
    if (request.certIds().size() > maxSingleRequests) {
      throw new MalformedException(
          request.certIds().size() + " CertIDs in one request, at most " + maxSingleRequests);
    }
    if (request.nonce().isPresent()) {
      int length = request.nonce().get().getExtnValue().getOctets().length;
      if (length == 0 || length > MAX_NONCE_VALUE_BYTES) {
        throw new MalformedException("nonce of " + length + " bytes (RFC 8954 2.1)");
      }
    }
    return request;
  }

  /**
   * Decodes everything the responder will read, so that no lazy Bouncy Castle parsing of untrusted
   * bytes happens later. Bouncy Castle reports bad structure with several unchecked exceptions
   * (IllegalArgumentException, IllegalStateException, ClassCastException, index errors); any of
   * them here means the client sent something that is not an OCSPRequest.
   */
  private static StatusRequest decode(byte[] der) throws MalformedException {
    try {
      TBSRequest tbs = OCSPRequest.getInstance(ASN1Primitive.fromByteArray(der)).getTbsRequest();
      ASN1Sequence list = tbs.getRequestList();
      List<CertID> ids = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        CertID id = Request.getInstance(list.getObjectAt(i)).getReqCert();
        // touch every field, so a CertID of the wrong shape fails here
        id.getHashAlgorithm().getAlgorithm();
        id.getIssuerNameHash().getOctets();
        id.getIssuerKeyHash().getOctets();
        id.getSerialNumber().getValue();
        ids.add(id);
      }
      Extensions extensions = tbs.getRequestExtensions();
      Optional<Extension> nonce =
          Optional.ofNullable(extensions)
              .map(e -> e.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce));
      return new StatusRequest(ids, nonce);
    } catch (IOException | RuntimeException e) {
      throw new MalformedException("not a DER OCSPRequest: " + e.getMessage());
    }
  }
}
