package dev.pncpki.contract.installation;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The ISO 15118-2 namespaces and small DOM helpers for reading and building V2G messages (of -2 and
 * -20). The schemas qualify attributes ({@code attributeFormDefault="qualified"}): {@code Id} is in
 * the namespace of the type that declares it (MsgBody for the request bodies, MsgDataTypes for the
 * signed response elements).
 */
final class V2gTree {
  static final String MSG_DEF = "urn:iso:15118:2:2013:MsgDef";
  static final String HEADER = "urn:iso:15118:2:2013:MsgHeader";
  static final String BODY = "urn:iso:15118:2:2013:MsgBody";
  static final String TYPES = "urn:iso:15118:2:2013:MsgDataTypes";
  static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";

  private V2gTree() {}

  static Document newDocument() {
    try {
      var factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      return factory.newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A new child; {@code qualified} is prefix:name (v2g, h, b, t, ds by namespace). */
  static Element add(Node parent, String namespace, String qualified) {
    Document doc = parent instanceof Document d ? d : parent.getOwnerDocument();
    Element e = doc.createElementNS(namespace, qualified);
    parent.appendChild(e);
    return e;
  }

  static Element add(Node parent, String namespace, String qualified, String text) {
    Element e = add(parent, namespace, qualified);
    e.setTextContent(text);
    return e;
  }

  static Element addBase64(Node parent, String namespace, String qualified, byte[] value) {
    return add(parent, namespace, qualified, Base64.getEncoder().encodeToString(value));
  }

  static List<Element> children(Element parent, String namespace, String local) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && namespace.equals(e.getNamespaceURI())
          && local.equals(e.getLocalName())) {
        out.add(e);
      }
    }
    return out;
  }

  static Optional<Element> child(Element parent, String namespace, String local) {
    return children(parent, namespace, local).stream().findFirst();
  }

  static Element required(Element parent, String namespace, String local) {
    return child(parent, namespace, local)
        .orElseThrow(
            () ->
                new MalformedMessageException(
                    parent.getLocalName() + " has no " + local + " element"));
  }

  static byte[] base64(Element e) {
    try {
      return Base64.getMimeDecoder().decode(e.getTextContent().strip());
    } catch (IllegalArgumentException bad) {
      throw new MalformedMessageException(e.getLocalName() + " is not base64");
    }
  }

  /** The element's first element child (the one element of a Body). */
  static Optional<Element> firstChild(Element parent) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
