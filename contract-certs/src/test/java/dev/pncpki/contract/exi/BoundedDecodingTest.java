package dev.pncpki.contract.exi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/**
 * Decoding under {@link ExiLimits}, on a schema of the project's own (bounded.xsd) with every kind
 * of length-prefixed value: messages written by the encoder read back whole; a length of 2^31 - 1
 * written at any bit offset is refused, without the allocation it asks for; headers with options,
 * deep nesting and slow decodes are refused.
 */
class BoundedDecodingTest {
  static final String NS = "urn:pnc-pki:test:bounded";

  /** Heap one decode of a message this small may take, garbage included (a valid one: ~40 KB). */
  static final long ALLOCATION_BOUND = 512 * 1024;

  static String schema;
  static V2gExi exi;

  @BeforeAll
  static void grammars() throws Exception {
    schema = Path.of(BoundedDecodingTest.class.getResource("bounded.xsd").toURI()).toString();
    exi = new V2gExi(schema, schema); // the schema stands in for xmldsig too: it is not used here
  }

  static Document xml(String content) {
    try {
      var factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      return factory
          .newDocumentBuilder()
          .parse(
              new InputSource(
                  new StringReader("<Message xmlns=\"" + NS + "\">" + content + "</Message>")));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String read(byte[] message, String element) {
    Element root = exi.decode(message).getDocumentElement();
    return root.getElementsByTagNameNS(NS, element).item(0).getTextContent();
  }

  @Test
  void everyKindOfValueReadsBack() {
    byte[] message =
        exi.encode(
            xml(
                "<Text>Plug &amp; Charge</Text><Data>AQIDBA==</Data>"
                    + "<Number>-1461501637330902918203684832716283019655932542975</Number>"
                    + "<Amount>-12.5</Amount><Code>0A1B</Code><Words>contract install</Words>"
                    + "<Marks>x x x</Marks><Nested><Nested/></Nested>"));
    assertThat(read(message, "Text")).isEqualTo("Plug & Charge");
    assertThat(read(message, "Data")).isEqualTo("AQIDBA==");
    assertThat(read(message, "Number"))
        .isEqualTo("-1461501637330902918203684832716283019655932542975"); // -(2^160 - 1)
    assertThat(read(message, "Amount")).isEqualTo("-12.5");
    assertThat(read(message, "Code")).isEqualTo("0A1B");
    assertThat(read(message, "Words")).isEqualTo("contract install "); // items end in a space
    assertThat(read(message, "Marks")).isEqualTo("x x x ");
  }

  /**
   * 2^31 - 1 written over every bit offset of a message: where it lands on the value's length the
   * decode says so (a string's length is sent plus 2, EXI 1.0 section 7.3.3); wherever it lands,
   * the decode is refused or reads something else, within the bound.
   */
  @ParameterizedTest
  @CsvSource({
    "<Text>eMAID DE-PNC-C12345678-9</Text>, a string of 2147483645 characters",
    "<Data>MIIBszCCAVmgAwIBAgIUDEPNC1234567</Data>, a binary value of 2147483647 bytes",
    "<Code>0123456789ABCDEF</Code>, a string of 2147483645 characters",
    "<Words>a b c d e f</Words>, a list of 2147483647 items",
    "<Marks>x x x x</Marks><Nested><Nested><Nested><Nested><Nested><Nested><Nested><Nested/></Nested>"
        + "</Nested></Nested></Nested></Nested></Nested></Nested>, a list of 2147483647 items",
  })
  void anInflatedLengthAnywhereIsRefusedWithoutItsAllocation(String content, String refusal) {
    byte[] valid = exi.encode(xml(content));
    List<String> refusals = new ArrayList<>();
    long most = 0;
    for (var mutation : ExiMutations.inflations(valid)) {
      long allocated =
          Allocation.of(
              () -> {
                try {
                  exi.decode(mutation.bytes());
                } catch (ExiException e) {
                  refusals.add(e.getMessage());
                }
              });
      most = Math.max(most, allocated);
    }
    assertThat(refusals)
        .as(String.join("\n", new java.util.TreeSet<>(refusals)))
        .anyMatch(m -> m.contains(refusal));
    assertThat(most).isLessThan(ALLOCATION_BOUND);
  }

  /** A list whose items take no bits may hold one item per bit left, not more. */
  @Test
  void aListOfItemsWithoutBitsIsHeldToTheBitsLeft() {
    assertThat(read(exi.encode(xml("<Marks>" + "x ".repeat(1000) + "</Marks>")), "Marks"))
        .isEqualTo("x ".repeat(1000));
  }

  @Test
  void anIntegerOfMoreThan160BitsIsRefused() {
    byte[] message = exi.encode(xml("<Number>" + java.math.BigInteger.TWO.pow(161) + "</Number>"));
    assertThatThrownBy(() -> exi.decode(message))
        .isInstanceOf(ExiException.class)
        .hasMessageContaining("an integer longer than 23 octets");
  }

  @Test
  void aHeaderWithOptionsIsRefused() {
    byte[] message = exi.encode(xml("<Text>a</Text>"));
    assertThat(message[0] & 0xe0).as("distinguishing bits 10, no options").isEqualTo(0x80);
    message[0] |= 0x20;
    assertThatThrownBy(() -> exi.decode(message))
        .isInstanceOf(ExiException.class)
        .hasMessageContaining("the EXI header carries options");
  }

  @Test
  void theHeaderIsChecked() {
    byte[] message = exi.encode(xml("<Text>a</Text>"));
    byte[] cookie = new byte[message.length + 4];
    System.arraycopy("$EXI".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, cookie, 0, 4);
    System.arraycopy(message, 0, cookie, 4, message.length);
    assertThat(read(cookie, "Text")).as("the optional cookie").isEqualTo("a");
    byte[] notExi = message.clone();
    notExi[0] &= 0x3f;
    assertThatThrownBy(() -> exi.decode(notExi)).hasMessageContaining("distinguishing bits");
    byte[] preview = message.clone();
    preview[0] |= 0x10;
    assertThatThrownBy(() -> exi.decode(preview)).hasMessageContaining("not final EXI version 1");
  }

  @Test
  void nestingDeeperThanTheLimitIsRefused() {
    int depth = ExiLimits.DEFAULT.maxDepth();
    assertThat(exi.decode(exi.encode(xml(nested(depth - 1)))).getDocumentElement().getLocalName())
        .as("the message element and %s levels below it", depth - 1)
        .isEqualTo("Message");
    byte[] deeper = exi.encode(xml(nested(depth)));
    assertThatThrownBy(() -> exi.decode(deeper))
        .isInstanceOf(ExiException.class)
        .hasMessageContaining("elements nest deeper than " + depth);
  }

  private static String nested(int levels) {
    return "<Nested>".repeat(levels) + "</Nested>".repeat(levels);
  }

  @Test
  void aDecodePastItsBudgetIsRefused() {
    long[] now = {0};
    var slow =
        new V2gExi(
            schema,
            schema,
            new ExiLimits(1024, 32, Duration.ofMillis(50)),
            () -> now[0] += Duration.ofMillis(10).toNanos()); // every look at the clock: 10 ms
    byte[] message = exi.encode(xml("<Text>" + "long text ".repeat(20) + "</Text>"));
    assertThatThrownBy(() -> slow.decode(message))
        .isInstanceOf(ExiException.class)
        .hasMessageContaining("decoding took longer than 50 ms");
  }

  @Test
  void aMessageOverTheSizeLimitIsNotDecoded() {
    var small = new V2gExi(schema, schema, new ExiLimits(16, 32, Duration.ofSeconds(1)));
    byte[] message = exi.encode(xml("<Text>" + "x".repeat(20) + "</Text>"));
    assertThatThrownBy(() -> small.decode(message))
        .isInstanceOf(ExiException.class)
        .hasMessage("an EXI message has 1 to 16 bytes, not " + message.length);
    assertThatThrownBy(() -> small.decode(new byte[0])).hasMessageContaining("not 0");
  }

  @Test
  void limitsArePositive() {
    assertThatThrownBy(() -> new ExiLimits(0, 32, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ExiLimits(1024, 32, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
