package dev.pncpki.contract.exi;

import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Sits between the EXI reader and the document being built: refuses elements nested deeper than the
 * limit (non-strict grammars let any element hold undeclared ones, and what reads or re-encodes the
 * document later recurses over it), and a decode past its time budget between reads of input.
 */
final class DecodingGuard extends XMLFilterImpl {
  private final BoundedInput input;
  private final int maxDepth;
  private int depth;

  DecodingGuard(XMLReader exiReader, BoundedInput input, int maxDepth) {
    super(exiReader);
    this.input = input;
    this.maxDepth = maxDepth;
  }

  @Override
  public void startElement(String uri, String local, String qName, Attributes attributes)
      throws SAXException {
    if (++depth > maxDepth) {
      throw refused(new ExiLimitException("elements nest deeper than " + maxDepth));
    }
    checkTime();
    super.startElement(uri, local, qName, attributes);
  }

  @Override
  public void endElement(String uri, String local, String qName) throws SAXException {
    depth--;
    super.endElement(uri, local, qName);
  }

  @Override
  public void characters(char[] text, int start, int length) throws SAXException {
    checkTime();
    super.characters(text, start, length);
  }

  private void checkTime() throws SAXException {
    try {
      input.checkTime();
    } catch (ExiLimitException e) {
      throw refused(e);
    }
  }

  private static SAXException refused(ExiLimitException e) {
    return new SAXException(e.getMessage(), e);
  }
}
