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
final class JosevExiCodec implements java.io.Closeable {
  static final String MSG_DEF = "urn:iso:15118:2:2013:MsgDef";
  static final String XMLDSIG = "http://www.w3.org/2000/09/xmldsig#";

  private final URLClassLoader loader;
  private final Object codec;
  private final Method encode;
  private final Method decode;
  private final Method encodeError;
  private final Method decodeError;

  JosevExiCodec(Path jar) throws Exception {
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
  byte[] encode(String json, String namespace) throws Exception {
    byte[] out = (byte[]) inLoader(() -> encode.invoke(codec, json, namespace));
    if (out == null) {
      throw new IllegalStateException("EXICodec.jar encode: " + encodeError.invoke(codec));
    }
    return out;
  }

  String decode(byte[] exi, String namespace) throws Exception {
    String out = (String) inLoader(() -> decode.invoke(codec, exi, namespace));
    if (out == null) {
      throw new IllegalStateException("EXICodec.jar decode: " + decodeError.invoke(codec));
    }
    return out;
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
