package dev.pncpki.contract.installation;

import static dev.pncpki.contract.installation.V2gTree.BODY;
import static dev.pncpki.contract.installation.V2gTree.DSIG;
import static dev.pncpki.contract.installation.V2gTree.HEADER;
import static dev.pncpki.contract.installation.V2gTree.MSG_DEF;
import static dev.pncpki.contract.installation.V2gTree.TYPES;

import dev.pncpki.contract.exi.V2gExi;
import java.math.BigInteger;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Reads CertificateInstallationReq / CertificateUpdateReq from their EXI form and writes the signed
 * CertificateInstallationRes / CertificateUpdateRes (ISO 15118-2, namespace {@code
 * urn:iso:15118:2:2013:MsgDef}).
 */
public final class CertificateMessages {
  public static final String NAMESPACE = MSG_DEF;

  private final V2gExi exi;
  private final XmlSignature signatures;

  public CertificateMessages(V2gExi exi) {
    this.exi = exi;
    this.signatures = new XmlSignature(exi, XmlSignature.Algorithm.ECDSA_P256_SHA256);
  }

  /** A decoded request with what its signature covers. */
  public static final class Received {
    private final CertificateRequest request;
    private final String id;
    private final Element body;
    private final Optional<Element> signature;

    private Received(
        CertificateRequest request, String id, Element body, Optional<Element> signature) {
      this.request = request;
      this.id = id;
      this.body = body;
      this.signature = signature;
    }

    public CertificateRequest request() {
      return request;
    }
  }

  /**
   * Decodes a request.
   *
   * @throws dev.pncpki.contract.exi.ExiException if it is not ISO 15118-2 EXI
   * @throws MalformedMessageException if it is another message or lacks what it must have
   */
  public Received read(byte[] exiRequest) {
    Document doc = exi.decode(exiRequest);
    Element message = doc.getDocumentElement();
    Element header = V2gTree.required(message, MSG_DEF, "Header");
    Element body =
        V2gTree.firstChild(V2gTree.required(message, MSG_DEF, "Body"))
            .orElseThrow(() -> new MalformedMessageException("the message has an empty Body"));
    String session =
        HexFormat.of()
            .formatHex(
                HexFormat.of()
                    .parseHex(V2gTree.required(header, HEADER, "SessionID").getTextContent()));
    String id = body.getAttributeNS(BODY, "Id");
    CertificateRequest request =
        switch (body.getLocalName()) {
          case "CertificateInstallationReq" ->
              new CertificateRequest.Installation(
                  session,
                  V2gTree.base64(V2gTree.required(body, BODY, "OEMProvisioningCert")),
                  roots(body));
          case "CertificateUpdateReq" ->
              new CertificateRequest.Update(
                  session,
                  chain(V2gTree.required(body, BODY, "ContractSignatureCertChain")),
                  V2gTree.required(body, BODY, "eMAID").getTextContent(),
                  roots(body));
          default ->
              throw new MalformedMessageException(
                  body.getLocalName()
                      + " is not CertificateInstallationReq or CertificateUpdateReq");
        };
    return new Received(request, id, body, V2gTree.child(header, DSIG, "Signature"));
  }

  /** Whether the request is signed, over its body element and nothing else, with {@code key}. */
  public boolean signedBy(Received received, PublicKey key) {
    return received.signature.isPresent()
        && !received.id.isEmpty()
        && signatures.verify(received.signature.get(), Map.of(received.id, received.body), key);
  }

  /**
   * The response as EXI; a successful one is signed by {@code signer} (the CPS leaf key) over
   * ContractSignatureCertChain, ContractSignatureEncryptedPrivateKey, DHpublickey and eMAID.
   */
  public byte[] write(CertificateResponse response, XmlSignature.RawSigner signer) {
    Frame frame =
        frame(
            response.sessionId(),
            response.update() ? "b:CertificateUpdateRes" : "b:CertificateInstallationRes");
    Element header = frame.header();
    Element body = frame.body();
    V2gTree.add(body, BODY, "b:ResponseCode", response.responseCode().name());
    addChain(body, "b:SAProvisioningCertificateChain", null, response.provisioningServiceChain());
    Map<String, Element> signed = new LinkedHashMap<>();
    signed.put(
        "id1", addChain(body, "b:ContractSignatureCertChain", "id1", response.contractChain()));
    signed.put(
        "id2",
        withId(
            V2gTree.addBase64(
                body,
                BODY,
                "b:ContractSignatureEncryptedPrivateKey",
                response.encryptedPrivateKey()),
            "id2"));
    signed.put(
        "id3",
        withId(V2gTree.addBase64(body, BODY, "b:DHpublickey", response.dhPublicKey()), "id3"));
    signed.put("id4", withId(V2gTree.add(body, BODY, "b:eMAID", response.emaid()), "id4"));
    if (!response.responseCode().failed()) {
      signatures.sign(header, signed, signer); // after SessionID, as the header's schema orders it
    }
    return exi.encode(body.getOwnerDocument());
  }

  /**
   * The vehicle's side, for tests and simulators: a CertificateInstallationReq signed with the OEM
   * provisioning key.
   */
  public byte[] installationRequest(
      String sessionId,
      byte[] oemProvisioningCertificate,
      List<RootCertificateId> roots,
      XmlSignature.RawSigner oemKey) {
    Frame frame = frame(sessionId, "b:CertificateInstallationReq");
    Element body = frame.body();
    body.setAttributeNS(BODY, "b:Id", "ID1");
    V2gTree.addBase64(body, BODY, "b:OEMProvisioningCert", oemProvisioningCertificate);
    addRoots(body, roots);
    signatures.sign(frame.header(), Map.of("ID1", body), oemKey);
    return exi.encode(body.getOwnerDocument());
  }

  /**
   * The vehicle's side, for tests and simulators: a CertificateUpdateReq for the current contract
   * (chain leaf first), signed with the current contract key.
   */
  public byte[] updateRequest(
      String sessionId,
      List<byte[]> contractChain,
      String emaid,
      List<RootCertificateId> roots,
      XmlSignature.RawSigner contractKey) {
    Frame frame = frame(sessionId, "b:CertificateUpdateReq");
    Element body = frame.body();
    body.setAttributeNS(BODY, "b:Id", "ID1");
    addChain(body, "b:ContractSignatureCertChain", null, contractChain);
    V2gTree.add(body, BODY, "b:eMAID", emaid);
    addRoots(body, roots);
    signatures.sign(frame.header(), Map.of("ID1", body), contractKey);
    return exi.encode(body.getOwnerDocument());
  }

  /** A V2G_Message's header (with SessionID) and its one body element, ready to fill. */
  private record Frame(Element header, Element body) {}

  private static Frame frame(String sessionId, String bodyElement) {
    Document doc = V2gTree.newDocument();
    Element message = V2gTree.add(doc, MSG_DEF, "v2g:V2G_Message");
    Element header = V2gTree.add(message, MSG_DEF, "v2g:Header");
    V2gTree.add(header, HEADER, "h:SessionID", sessionId.toUpperCase(java.util.Locale.ROOT));
    Element body = V2gTree.add(V2gTree.add(message, MSG_DEF, "v2g:Body"), BODY, bodyElement);
    return new Frame(header, body);
  }

  private static void addRoots(Element body, List<RootCertificateId> roots) {
    Element list = V2gTree.add(body, BODY, "b:ListOfRootCertificateIDs");
    for (RootCertificateId root : roots) {
      Element id = V2gTree.add(list, TYPES, "t:RootCertificateID");
      V2gTree.add(id, DSIG, "ds:X509IssuerName", root.issuerName());
      V2gTree.add(id, DSIG, "ds:X509SerialNumber", root.serialNumber().toString());
    }
  }

  private static Element withId(Element e, String id) {
    e.setAttributeNS(TYPES, "t:Id", id);
    return e;
  }

  private static Element addChain(Element parent, String name, String id, List<byte[]> chain) {
    Element e = V2gTree.add(parent, BODY, name);
    if (id != null) {
      withId(e, id);
    }
    V2gTree.addBase64(e, TYPES, "t:Certificate", chain.get(0));
    if (chain.size() > 1) {
      Element subs = V2gTree.add(e, TYPES, "t:SubCertificates");
      for (byte[] sub : chain.subList(1, chain.size())) {
        V2gTree.addBase64(subs, TYPES, "t:Certificate", sub);
      }
    }
    return e;
  }

  private static List<byte[]> chain(Element chain) {
    List<byte[]> out = new ArrayList<>();
    out.add(V2gTree.base64(V2gTree.required(chain, TYPES, "Certificate")));
    V2gTree.child(chain, TYPES, "SubCertificates")
        .ifPresent(
            s ->
                V2gTree.children(s, TYPES, "Certificate").forEach(c -> out.add(V2gTree.base64(c))));
    return out;
  }

  private static List<RootCertificateId> roots(Element body) {
    List<RootCertificateId> out = new ArrayList<>();
    Element list = V2gTree.required(body, BODY, "ListOfRootCertificateIDs");
    for (Element id : V2gTree.children(list, TYPES, "RootCertificateID")) {
      String serial = V2gTree.required(id, DSIG, "X509SerialNumber").getTextContent().strip();
      try {
        out.add(
            new RootCertificateId(
                V2gTree.required(id, DSIG, "X509IssuerName").getTextContent(),
                new BigInteger(serial)));
      } catch (NumberFormatException e) {
        throw new MalformedMessageException("X509SerialNumber " + serial + " is not an integer");
      }
    }
    return out;
  }
}
