package dev.pncpki.contract.installation;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * An independent EXI codec as a test oracle: EXICodec.jar from the PyPI iso15118 package (Josev,
 * built on its own EXIficient fork, with precompiled ISO 15118 grammars and a JSON interface). It
 * is loaded in a class loader of its own, so its bundled EXIficient, Xerces and JAXB never meet
 * ours; its JAXB finds its providers through the thread's context class loader, set per call.
 */
public final class JosevExiCodec implements java.io.Closeable {
  public static final String MSG_DEF = "urn:iso:15118:2:2013:MsgDef";
  public static final String XMLDSIG = "http://www.w3.org/2000/09/xmldsig#";

  private final URLClassLoader loader;
  private final Object codec;
  private final Method encode;
  private final Method decode;
  private final Method encodeError;
  private final Method decodeError;

  public JosevExiCodec(Path jar) throws Exception {
    loader =
        new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    Class<?> type = Class.forName("com.siemens.ct.exi.main.cmd.EXICodec", true, loader);
    codec = inLoader(() -> type.getConstructor().newInstance());
    encode = type.getMethod("encode", String.class, String.class);
    decode = type.getMethod("decode", byte[].class, String.class);
    encodeError = type.getMethod("get_last_encoding_error");
    decodeError = type.getMethod("get_last_decoding_error");
  }

  /** Josev's JSON (root key = element name; a signed element alone is a fragment) to EXI. */
  public byte[] encode(String json, String namespace) throws Exception {
    byte[] out = (byte[]) inLoader(() -> encode.invoke(codec, json, namespace));
    if (out == null) {
      throw new IllegalStateException("EXICodec.jar encode: " + encodeError.invoke(codec));
    }
    return out;
  }

  public String decode(byte[] exi, String namespace) throws Exception {
    String out = (String) inLoader(() -> decode.invoke(codec, exi, namespace));
    if (out == null) {
      throw new IllegalStateException("EXICodec.jar decode: " + decodeError.invoke(codec));
    }
    return out;
  }

  /**
   * Whether a decoded response ({@code V2G_Message} JSON of this codec) is signed by {@code key}:
   * each digest recomputed over this codec's fragment of the element it names (by Id, in the body
   * element {@code bodyName}), the signature over its xmldsig fragment of SignedInfo.
   */
  public boolean signatureVerifies(
      com.fasterxml.jackson.databind.JsonNode message, String bodyName, java.security.PublicKey key)
      throws Exception {
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    var body = message.path("V2G_Message").path("Body").path(bodyName);
    var signature = message.path("V2G_Message").path("Header").path("Signature");
    var signedInfo = signature.path("SignedInfo");
    for (var reference : signedInfo.path("Reference")) {
      String id = reference.path("URI").asText().substring(1);
      String element = null;
      for (var names = body.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (id.equals(body.path(name).path("Id").asText())) {
          element = name;
        }
      }
      if (element == null) {
        return false;
      }
      var fragment = json.createObjectNode();
      fragment.set(element, body.path(element));
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(encode(fragment.toString(), MSG_DEF));
      if (!java.util.Arrays.equals(
          digest, java.util.Base64.getDecoder().decode(reference.path("DigestValue").asText()))) {
        return false;
      }
    }
    var si = json.createObjectNode();
    si.set("SignedInfo", signedInfo);
    var verifier = java.security.Signature.getInstance("SHA256withECDSAinP1363Format");
    verifier.initVerify(key);
    verifier.update(encode(si.toString(), XMLDSIG));
    return verifier.verify(
        java.util.Base64.getDecoder()
            .decode(signature.path("SignatureValue").path("value").asText()));
  }

  /** The grammars of the jar that {@link #fragment} encodes with. */
  public enum Grammar {
    /** ISO 15118-20 V2G_CI_CommonMessages.xsd. */
    ISO15118_20_COMMON_MESSAGES("ISO15118_20_V2G_CI_CommonMessages"),
    /** The W3C XML signature schema (SignedInfo). */
    XMLDSIG("XMLDSIG_Core_Schema_Grammar");

    private final String className;

    Grammar(String className) {
      this.className = className;
    }
  }

  /**
   * {@code xml} (one element, namespace-qualified) as an EXI schema-informed fragment of {@code
   * grammar}, written by the jar's own EXIficient with the settings of its codec (no value
   * partitions, no built-in grammars), read from the XML text rather than from the jar's JSON. This
   * is how ISO 15118-20 [V2G20-1449] encodes a signed element and SignedInfo; the jar's JSON
   * interface does it only for some -20 elements.
   */
  public byte[] fragment(String xml, Grammar grammar) throws Exception {
    return inLoader(
        () -> {
          Class<?> factoryType = Class.forName("com.siemens.ct.exi.core.EXIFactory", true, loader);
          Object factory =
              Class.forName("com.siemens.ct.exi.core.helpers.DefaultEXIFactory", true, loader)
                  .getMethod("newInstance")
                  .invoke(null);
          factoryType.getMethod("setValuePartitionCapacity", int.class).invoke(factory, 0);
          factoryType
              .getMethod("setMaximumNumberOfBuiltInElementGrammars", int.class)
              .invoke(factory, 0);
          factoryType
              .getMethod("setMaximumNumberOfBuiltInProductions", int.class)
              .invoke(factory, 0);
          Object grammars =
              Class.forName(
                      "com.siemens.ct.exi.main.generatedgrammar." + grammar.className, true, loader)
                  .getConstructor()
                  .newInstance();
          factoryType
              .getMethod(
                  "setGrammars",
                  Class.forName("com.siemens.ct.exi.core.grammars.Grammars", true, loader))
              .invoke(factory, grammars);
          factoryType.getMethod("setFragment", boolean.class).invoke(factory, true);
          Class<?> resultType =
              Class.forName("com.siemens.ct.exi.main.api.sax.EXIResult", true, loader);
          Object result = resultType.getConstructor(factoryType).newInstance(factory);
          var out = new java.io.ByteArrayOutputStream();
          resultType.getMethod("setOutputStream", java.io.OutputStream.class).invoke(result, out);
          var handler =
              (org.xml.sax.ContentHandler) resultType.getMethod("getHandler").invoke(result);
          var parsers = javax.xml.parsers.SAXParserFactory.newInstance();
          parsers.setNamespaceAware(true);
          var reader = parsers.newSAXParser().getXMLReader();
          reader.setContentHandler(handler);
          reader.parse(new org.xml.sax.InputSource(new java.io.StringReader(xml)));
          return out.toByteArray();
        });
  }

  private interface Call<T> {
    T call() throws Exception;
  }

  private <T> T inLoader(Call<T> call) throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return call.call();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  @Override
  public void close() throws java.io.IOException {
    loader.close();
  }
}
