package dev.pncpki.contract.exi;

import com.siemens.ct.exi.core.EXIBodyDecoder;
import com.siemens.ct.exi.core.EXIFactory;
import com.siemens.ct.exi.core.EXIStreamDecoder;
import com.siemens.ct.exi.core.exceptions.EXIException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the EXI header (W3C EXI 1.0 section 5) and hands the body to a decoder on a {@link
 * BoundedDecoderChannel}. A header with options is refused: ISO 15118 fixes the options out of
 * band, and honouring a sender's would let it choose compression (an inflater that EXIficient runs
 * on its own, unbounded channel) or settings the grammars were not built for.
 */
final class BoundedStreamDecoder implements EXIStreamDecoder {
  private static final String COOKIE = "$EXI";
  private final EXIFactory factory;

  BoundedStreamDecoder(EXIFactory factory) {
    this.factory = factory;
  }

  @Override
  public EXIBodyDecoder getBodyOnlyDecoder(InputStream is) throws EXIException, IOException {
    return body(channel(is));
  }

  @Override
  public EXIBodyDecoder decodeHeader(InputStream is) throws EXIException, IOException {
    BoundedDecoderChannel channel = channel(is);
    if (channel.lookAhead() == COOKIE.charAt(0)) {
      for (char c : COOKIE.toCharArray()) {
        if (channel.decode() != c) {
          throw new EXIException("the EXI cookie is not $EXI");
        }
      }
    }
    if (channel.decodeNBitUnsignedInteger(2) != 0b10) {
      throw new EXIException("the EXI header's distinguishing bits are not 10");
    }
    if (channel.decodeBoolean()) {
      throw new EXIException("the EXI header carries options; ISO 15118 fixes them");
    }
    if (channel.decodeBoolean() || channel.decodeNBitUnsignedInteger(4) != 0) {
      throw new EXIException("the stream is not final EXI version 1");
    }
    return body(channel);
  }

  private EXIBodyDecoder body(BoundedDecoderChannel channel) throws EXIException, IOException {
    EXIBodyDecoder decoder = factory.createEXIBodyDecoder();
    decoder.setInputChannel(channel);
    return decoder;
  }

  private static BoundedDecoderChannel channel(InputStream is) throws EXIException {
    if (is instanceof BoundedInput input) {
      return new BoundedDecoderChannel(input);
    }
    throw new EXIException("a bounded decode reads a BoundedInput");
  }
}
