package dev.pncpki.contract.exi;

import com.siemens.ct.exi.core.CodingMode;
import com.siemens.ct.exi.core.EXIFactory;
import com.siemens.ct.exi.core.EXIStreamDecoder;
import com.siemens.ct.exi.core.FidelityOptions;
import com.siemens.ct.exi.core.exceptions.EXIException;
import com.siemens.ct.exi.core.helpers.DefaultEXIFactory;
import com.siemens.ct.exi.core.types.TypeDecoder;

/**
 * EXIficient's factory with decoding made bounded: streams are read by {@link BoundedStreamDecoder}
 * on a {@link BoundedDecoderChannel}, values by {@link BoundedTypeDecoder}. Only bit-packed,
 * schema-informed, non-self-contained streams (what ISO 15118 uses) are decoded; encoding is
 * EXIficient's own.
 */
final class BoundedExiFactory extends DefaultEXIFactory {
  private BoundedExiFactory() {}

  static EXIFactory create() {
    EXIFactory factory = new BoundedExiFactory();
    setDefaultValues(factory);
    return factory;
  }

  @Override
  public EXIStreamDecoder createEXIStreamDecoder() throws EXIException {
    doSanityCheck();
    if (getCodingMode() != CodingMode.BIT_PACKED
        || getFidelityOptions().isFidelityEnabled(FidelityOptions.FEATURE_SC)
        || !isSchemaInformed()) {
      throw new EXIException("bounded decoding is for bit-packed schema-informed streams");
    }
    return new BoundedStreamDecoder(this);
  }

  @Override
  public TypeDecoder createTypeDecoder() throws EXIException {
    if (getFidelityOptions().isFidelityEnabled(FidelityOptions.FEATURE_LEXICAL_VALUE)) {
      throw new EXIException("bounded decoding reads typed values");
    }
    return new BoundedTypeDecoder();
  }
}
