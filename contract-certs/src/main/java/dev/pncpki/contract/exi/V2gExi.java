package dev.pncpki.contract.exi;

import com.siemens.ct.exi.core.CodingMode;
import com.siemens.ct.exi.core.EXIFactory;
import com.siemens.ct.exi.core.FidelityOptions;
import com.siemens.ct.exi.core.exceptions.EXIException;
import com.siemens.ct.exi.core.grammars.Grammars;
import com.siemens.ct.exi.grammars.GrammarFactory;
import com.siemens.ct.exi.main.api.sax.EXIResult;
import com.siemens.ct.exi.main.api.sax.EXISource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.function.LongSupplier;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMResult;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.sax.SAXResult;
import javax.xml.transform.sax.SAXSource;
import org.apache.xerces.xni.parser.XMLEntityResolver;
import org.apache.xerces.xni.parser.XMLInputSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.AttributesImpl;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Schema-informed EXI for ISO 15118 messages: -2 ({@code urn:iso:15118:2:2013:MsgDef}, grammars
 * from V2G_CI_MsgDef.xsd) or -20 ({@code urn:iso:std:iso:15118:-20:CommonMessages}, from
 * V2G_CI_CommonMessages.xsd), with the settings the standards' codecs use: bit-packed, no options
 * header, default (non-strict) fidelity options, value partition capacity 0, no built-in element
 * grammars or productions. Whole V2G messages, and fragments for the XML signature: a signed
 * element on its own under the MsgDef grammar, and SignedInfo under the xmldsig grammar (ISO
 * 15118-2 [V2G2-771]). The grammars are built once from the operator's copy of the ISO schemas;
 * encoding and decoding are thread-safe. Decoding is bounded by {@link ExiLimits}: a message that
 * announces more than its own bytes can hold, nests too deep or takes too long is refused before it
 * costs more than a small multiple of its size.
 */
public final class V2gExi {
  /** Largest EXI message decoded with the default limits. */
  public static final int MAX_MESSAGE_BYTES = ExiLimits.DEFAULT.maxMessageBytes();

  private static final TransformerFactory TRANSFORMERS = TransformerFactory.newInstance();

  private final EXIFactory message;
  private final EXIFactory messageFragment;
  private final EXIFactory signedInfoFragment;
  private final ExiLimits limits;
  private final LongSupplier nanoTime;

  /**
   * @param msgDefXsd location of V2G_CI_MsgDef.xsd (-2) or V2G_CI_CommonMessages.xsd (-20), which
   *     import the other schemas of their version and xmldsig-core-schema.xsd by relative path
   * @param xmldsigXsd location of xmldsig-core-schema.xsd
   */
  public V2gExi(String msgDefXsd, String xmldsigXsd) {
    this(msgDefXsd, xmldsigXsd, ExiLimits.DEFAULT);
  }

  public V2gExi(String msgDefXsd, String xmldsigXsd, ExiLimits limits) {
    this(msgDefXsd, xmldsigXsd, limits, System::nanoTime);
  }

  /**
   * @param nanoTime the monotonic clock the time budget is measured on (tests pass their own)
   */
  V2gExi(String msgDefXsd, String xmldsigXsd, ExiLimits limits, LongSupplier nanoTime) {
    this.limits = limits;
    this.nanoTime = nanoTime;
    try {
      GrammarFactory grammars = GrammarFactory.newInstance();
      XMLEntityResolver resolver = resolver(xmldsigXsd);
      Grammars msgDef = grammars.createGrammars(msgDefXsd, resolver);
      Grammars xmldsig = grammars.createGrammars(xmldsigXsd, resolver);
      this.message = factory(msgDef, false);
      this.messageFragment = factory(msgDef, true);
      this.signedInfoFragment = factory(xmldsig, true);
    } catch (EXIException e) {
      throw new ExiException(
          "cannot build EXI grammars from " + msgDefXsd + ": " + e.getMessage(), e);
    }
  }

  /**
   * The xmldsig schema names a DTD on w3.org; nothing is ever fetched from the network (empty
   * entities instead). Relative imports between the schema files resolve as usual, except that
   * every import of xmldsig-core-schema.xsd is the given file (the -20 schemas expect it beside
   * them, the -2 ones one folder up; copies often keep one for all versions).
   */
  private static XMLEntityResolver resolver(String xmldsigXsd) {
    return id -> {
      String system =
          id.getExpandedSystemId() != null ? id.getExpandedSystemId() : id.getLiteralSystemId();
      if (system == null) {
        return null;
      }
      if (system.startsWith("http:") || system.startsWith("https:")) {
        return new XMLInputSource(
            id.getPublicId(),
            system,
            id.getBaseSystemId(),
            new ByteArrayInputStream(new byte[0]),
            null);
      }
      if (system.endsWith("xmldsig-core-schema.xsd")) {
        return new XMLInputSource(id.getPublicId(), xmldsigXsd, null);
      }
      return null;
    };
  }

  private static EXIFactory factory(Grammars grammars, boolean fragment) {
    EXIFactory f = BoundedExiFactory.create();
    f.setGrammars(grammars);
    f.setFidelityOptions(FidelityOptions.createDefault());
    f.setCodingMode(CodingMode.BIT_PACKED);
    f.setValuePartitionCapacity(0);
    f.setMaximumNumberOfBuiltInElementGrammars(0);
    f.setMaximumNumberOfBuiltInProductions(0);
    f.setFragment(fragment);
    return f;
  }

  /** A whole message (-2: V2G_Message; -20: the message element itself) from its EXI stream. */
  public Document decode(byte[] exi) {
    if (exi.length == 0 || exi.length > limits.maxMessageBytes()) {
      throw new ExiException(
          "an EXI message has 1 to " + limits.maxMessageBytes() + " bytes, not " + exi.length);
    }
    BoundedInput input = new BoundedInput(exi, limits.timeBudget(), nanoTime);
    try {
      XMLReader reader =
          new DecodingGuard(new EXISource(message).getXMLReader(), input, limits.maxDepth());
      DOMResult result = new DOMResult();
      transformer().transform(new SAXSource(reader, new InputSource(input)), result);
      Document document = (Document) result.getNode();
      if (document.getDocumentElement() == null) {
        throw new ExiException("not an ISO 15118 EXI message: the stream holds no element");
      }
      return document;
    } catch (TransformerException | EXIException e) {
      throw new ExiException("not an ISO 15118 EXI message: " + rootCause(e), e);
    } catch (RuntimeException | AssertionError e) {
      // EXIficient's own failures on hostile input; its asserts, where assertions are enabled
      throw new ExiException("not an ISO 15118 EXI message: " + e, e);
    }
  }

  /** A whole V2G_Message as EXI. */
  public byte[] encode(Document document) {
    return encode(message, document);
  }

  /** A signed element of a message on its own, as its digest is computed. */
  public byte[] fragment(Element element) {
    return encode(messageFragment, element);
  }

  /** SignedInfo on its own under the xmldsig grammar, as its signature is computed. */
  public byte[] signedInfo(Element signedInfo) {
    return encode(signedInfoFragment, signedInfo);
  }

  private static byte[] encode(EXIFactory factory, org.w3c.dom.Node node) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
      EXIResult result = new EXIResult(factory);
      result.setOutputStream(out);
      XMLFilterImpl withoutNamespaceAttributes = new DropNamespaceAttributes();
      withoutNamespaceAttributes.setContentHandler(result.getHandler());
      transformer().transform(new DOMSource(node), new SAXResult(withoutNamespaceAttributes));
      return out.toByteArray();
    } catch (TransformerException | EXIException | java.io.IOException e) {
      throw new ExiException("cannot encode: " + rootCause(e), e);
    }
  }

  private static Transformer transformer() throws TransformerException {
    synchronized (TRANSFORMERS) { // the factory is not thread-safe; transformers are per call
      return TRANSFORMERS.newTransformer();
    }
  }

  private static String rootCause(Throwable e) {
    Throwable t = e;
    for (int depth = 0; t.getCause() != null && depth < 10; depth++) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  /**
   * The JDK's DOM-to-SAX bridge reports namespace declarations as attributes too; EXI must see them
   * only as prefix mappings, or the encoding (and every digest over it) changes.
   */
  private static final class DropNamespaceAttributes extends XMLFilterImpl {
    @Override
    public void startElement(String uri, String local, String qName, Attributes attributes)
        throws SAXException {
      AttributesImpl kept = new AttributesImpl();
      for (int i = 0; i < attributes.getLength(); i++) {
        String name = attributes.getQName(i);
        if ("http://www.w3.org/2000/xmlns/".equals(attributes.getURI(i))
            || name.equals("xmlns")
            || name.startsWith("xmlns:")) {
          continue;
        }
        kept.addAttribute(
            attributes.getURI(i),
            attributes.getLocalName(i),
            name,
            attributes.getType(i),
            attributes.getValue(i));
      }
      super.startElement(uri, local, qName, kept);
    }
  }
}
