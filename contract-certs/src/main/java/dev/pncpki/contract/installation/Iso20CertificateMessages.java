package dev.pncpki.contract.installation;

import static dev.pncpki.contract.installation.V2gTree.DSIG;

import dev.pncpki.contract.exi.V2gExi;
import java.math.BigInteger;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * ISO 15118-20 CertificateInstallationReq / CertificateInstallationRes (namespace {@code
 * urn:iso:std:iso:15118:-20:CommonMessages}, V2G_CI_CommonMessages.xsd): the request's signature by
 * the OEM provisioning key over OEMProvisioningCertificateChain, the response's by the CPS leaf
 * over SignedInstallationData, both ECDSA P-521 with SHA-512. -20 has no separate update message.
 */
public final class Iso20CertificateMessages {
  public static final String NAMESPACE = "urn:iso:std:iso:15118:-20:CommonMessages";
  static final String CT = "urn:iso:std:iso:15118:-20:CommonTypes";
  private static final String CM = NAMESPACE;

  private final V2gExi exi;
  private final XmlSignature signatures;

  /**
   * @param exi grammars from V2G_CI_CommonMessages.xsd
   */
  public Iso20CertificateMessages(V2gExi exi) {
    this.exi = exi;
    this.signatures = new XmlSignature(exi, XmlSignature.Algorithm.ECDSA_P521_SHA512);
  }

  /** What the vehicle asks for. */
  public record Request(
      String sessionId,
      long timestamp,
      List<byte[]> oemProvisioningChain,
      List<RootCertificateId> rootCertificateIds,
      int maximumContractCertificateChains,
      List<String> prioritizedEmaids) {
    public Request {
      oemProvisioningChain = List.copyOf(oemProvisioningChain);
      rootCertificateIds = List.copyOf(rootCertificateIds);
      prioritizedEmaids = List.copyOf(prioritizedEmaids);
    }
  }

  /** A decoded request with what its signature covers. */
  public static final class Received {
    private final Request request;
    private final String id;
    private final Element chain;
    private final Optional<Element> signature;

    private Received(Request request, String id, Element chain, Optional<Element> signature) {
      this.request = request;
      this.id = id;
      this.chain = chain;
      this.signature = signature;
    }

    public Request request() {
      return request;
    }
  }

  /** The response's content: CPS chain, the contract chain (leaf first) and its -20 envelope. */
  public record Response(
      String sessionId,
      long timestamp,
      String responseCode,
      List<byte[]> provisioningServiceChain,
      List<byte[]> contractChain,
      byte[] dhPublicKey,
      byte[] secp521EncryptedPrivateKey,
      int remainingContractCertificateChains) {
    public Response {
      provisioningServiceChain = List.copyOf(provisioningServiceChain);
      contractChain = List.copyOf(contractChain);
      if (contractChain.size() < 2
          || dhPublicKey.length != 133
          || secp521EncryptedPrivateKey.length != 94) {
        throw new IllegalArgumentException(
            "a -20 response has the contract leaf with its Sub-CAs, a 133-byte DH public key and"
                + " a 94-byte SECP521 encrypted key");
      }
    }
  }

  public Received read(byte[] exiRequest) {
    Element message = exi.decode(exiRequest).getDocumentElement();
    if (!CM.equals(message.getNamespaceURI())
        || !"CertificateInstallationReq".equals(message.getLocalName())) {
      throw new MalformedMessageException(
          message.getLocalName() + " is not an ISO 15118-20 CertificateInstallationReq");
    }
    Element header = V2gTree.required(message, CT, "Header");
    Element chain = V2gTree.required(message, CM, "OEMProvisioningCertificateChain");
    List<byte[]> certificates = new ArrayList<>();
    certificates.add(V2gTree.base64(V2gTree.required(chain, CM, "Certificate")));
    V2gTree.child(chain, CM, "SubCertificates")
        .ifPresent(
            s ->
                V2gTree.children(s, CM, "Certificate")
                    .forEach(c -> certificates.add(V2gTree.base64(c))));
    List<RootCertificateId> roots = new ArrayList<>();
    for (Element id :
        V2gTree.children(
            V2gTree.required(message, CM, "ListOfRootCertificateIDs"), CT, "RootCertificateID")) {
      roots.add(
          new RootCertificateId(
              V2gTree.required(id, DSIG, "X509IssuerName").getTextContent(),
              integer(V2gTree.required(id, DSIG, "X509SerialNumber").getTextContent())));
    }
    List<String> prioritized = new ArrayList<>();
    V2gTree.child(message, CM, "PrioritizedEMAIDs")
        .ifPresent(
            p ->
                V2gTree.children(p, CM, "EMAID").forEach(e -> prioritized.add(e.getTextContent())));
    var request =
        new Request(
            HexFormat.of()
                .formatHex(
                    HexFormat.of()
                        .parseHex(V2gTree.required(header, CT, "SessionID").getTextContent())),
            integer(V2gTree.required(header, CT, "TimeStamp").getTextContent()).longValue(),
            certificates,
            roots,
            integer(
                    V2gTree.required(message, CM, "MaximumContractCertificateChains")
                        .getTextContent())
                .intValue(),
            prioritized);
    return new Received(
        request, chain.getAttributeNS(CM, "Id"), chain, V2gTree.child(header, DSIG, "Signature"));
  }

  /**
   * Whether the request is signed, over its provisioning chain and nothing else, with {@code key}.
   */
  public boolean signedBy(Received received, PublicKey key) {
    return received.signature.isPresent()
        && !received.id.isEmpty()
        && signatures.verify(received.signature.get(), Map.of(received.id, received.chain), key);
  }

  /** The response as EXI, signed over SignedInstallationData by {@code signer} (the CPS leaf). */
  public byte[] write(Response response, XmlSignature.RawSigner signer) {
    return write(response, Optional.of(signer));
  }

  /**
   * A response that delivers nothing: the code says why; the schema's required contract elements
   * are zero bytes of their fixed lengths, and the response is not signed.
   */
  public byte[] writeFailed(
      String sessionId,
      long timestamp,
      String responseCode,
      List<byte[]> provisioningServiceChain) {
    return write(
        new Response(
            sessionId,
            timestamp,
            responseCode,
            provisioningServiceChain,
            List.of(new byte[0], new byte[0]),
            new byte[133],
            new byte[94],
            0),
        Optional.empty());
  }

  private byte[] write(Response response, Optional<XmlSignature.RawSigner> signer) {
    Document doc = V2gTree.newDocument();
    Element message = V2gTree.add(doc, CM, "cm:CertificateInstallationRes");
    Element header = header(message, response.sessionId(), response.timestamp());
    V2gTree.add(message, CT, "ct:ResponseCode", response.responseCode());
    V2gTree.add(message, CM, "cm:EVSEProcessing", "Finished");
    chain(message, "cm:CPSCertificateChain", response.provisioningServiceChain());
    Element signed = V2gTree.add(message, CM, "cm:SignedInstallationData");
    signed.setAttributeNS(CM, "cm:Id", "id1");
    chain(signed, "cm:ContractCertificateChain", response.contractChain());
    V2gTree.add(signed, CM, "cm:ECDHCurve", "SECP521");
    V2gTree.addBase64(signed, CM, "cm:DHPublicKey", response.dhPublicKey());
    V2gTree.addBase64(
        signed, CM, "cm:SECP521_EncryptedPrivateKey", response.secp521EncryptedPrivateKey());
    V2gTree.add(
        message,
        CM,
        "cm:RemainingContractCertificateChains",
        Integer.toString(response.remainingContractCertificateChains()));
    signer.ifPresent(s -> signatures.sign(header, Map.of("id1", signed), s));
    return exi.encode(doc);
  }

  /** The vehicle's side, for tests and simulators: a request signed with the OEM key (P-521). */
  public byte[] installationRequest(
      String sessionId,
      long timestamp,
      List<byte[]> oemProvisioningChain,
      List<RootCertificateId> roots,
      int maximumContractCertificateChains,
      XmlSignature.RawSigner oemKey) {
    Document doc = V2gTree.newDocument();
    Element message = V2gTree.add(doc, CM, "cm:CertificateInstallationReq");
    Element header = header(message, sessionId, timestamp);
    Element chain = chain(message, "cm:OEMProvisioningCertificateChain", oemProvisioningChain);
    chain.setAttributeNS(CM, "cm:Id", "ID1");
    Element list = V2gTree.add(message, CM, "cm:ListOfRootCertificateIDs");
    for (RootCertificateId root : roots) {
      Element id = V2gTree.add(list, CT, "ct:RootCertificateID");
      V2gTree.add(id, DSIG, "ds:X509IssuerName", root.issuerName());
      V2gTree.add(id, DSIG, "ds:X509SerialNumber", root.serialNumber().toString());
    }
    V2gTree.add(
        message,
        CM,
        "cm:MaximumContractCertificateChains",
        Integer.toString(maximumContractCertificateChains));
    signatures.sign(header, Map.of("ID1", chain), oemKey);
    return exi.encode(doc);
  }

  private static Element header(Element message, String sessionId, long timestamp) {
    Element header = V2gTree.add(message, CT, "ct:Header");
    V2gTree.add(header, CT, "ct:SessionID", sessionId.toUpperCase(java.util.Locale.ROOT));
    V2gTree.add(header, CT, "ct:TimeStamp", Long.toUnsignedString(timestamp));
    return header;
  }

  private static Element chain(Element parent, String name, List<byte[]> certificates) {
    Element chain = V2gTree.add(parent, CM, name);
    V2gTree.addBase64(chain, CM, "cm:Certificate", certificates.get(0));
    if (certificates.size() > 1) {
      Element subs = V2gTree.add(chain, CM, "cm:SubCertificates");
      for (byte[] c : certificates.subList(1, certificates.size())) {
        V2gTree.addBase64(subs, CM, "cm:Certificate", c);
      }
    }
    return chain;
  }

  private static BigInteger integer(String text) {
    try {
      return new BigInteger(text.strip());
    } catch (NumberFormatException e) {
      throw new MalformedMessageException(text + " is not an integer");
    }
  }
}
