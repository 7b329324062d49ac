package dev.pncpki.contract.exi;

import com.siemens.ct.exi.core.context.QNameContext;
import com.siemens.ct.exi.core.datatype.Datatype;
import com.siemens.ct.exi.core.datatype.ListDatatype;
import com.siemens.ct.exi.core.datatype.RestrictedCharacterSetDatatype;
import com.siemens.ct.exi.core.datatype.charset.RestrictedCharacterSet;
import com.siemens.ct.exi.core.datatype.strings.StringCoder;
import com.siemens.ct.exi.core.datatype.strings.StringDecoder;
import com.siemens.ct.exi.core.exceptions.EXIException;
import com.siemens.ct.exi.core.io.channel.DecoderChannel;
import com.siemens.ct.exi.core.types.TypedTypeDecoder;
import com.siemens.ct.exi.core.values.ListValue;
import com.siemens.ct.exi.core.values.StringValue;
import com.siemens.ct.exi.core.values.Value;
import java.io.IOException;

/**
 * EXIficient's typed value decoder, except for the two datatypes whose length it reads itself
 * rather than through the channel: lists (W3C EXI 1.0 section 7.1.11, reachable in any message
 * through xsi:type="xs:NMTOKENS" and the like) and strings of a restricted character set (section
 * 7.1.10, from pattern facets). Their lengths are checked against the input left before their
 * arrays are allocated. Everything else, strings and binary values included, is EXIficient's, read
 * through the {@link BoundedDecoderChannel}.
 */
final class BoundedTypeDecoder extends TypedTypeDecoder {
  /** Items of a list that need not be paid for in bits: 4 or 8 KB of references. */
  static final int FREE_ITEMS = 1024;

  BoundedTypeDecoder() throws EXIException {
    super(); // no datatype representation map: readValue sees the schema's datatypes
  }

  @Override
  public Value readValue(
      Datatype datatype, QNameContext element, DecoderChannel channel, StringDecoder strings)
      throws IOException {
    return switch (datatype.getBuiltInType()) {
      case LIST -> list((ListDatatype) datatype, element, bounded(channel), strings);
      case RCS_STRING ->
          restricted((RestrictedCharacterSetDatatype) datatype, element, bounded(channel), strings);
      default -> super.readValue(datatype, element, channel, strings);
    };
  }

  private static BoundedDecoderChannel bounded(DecoderChannel channel) throws ExiLimitException {
    if (channel instanceof BoundedDecoderChannel b) {
      return b;
    }
    throw new ExiLimitException("a list or pattern-restricted value outside a bounded decode");
  }

  /**
   * A length, then the items. An item can take no bits at all (an enumeration of one value), so the
   * count is held to one item per bit left, and {@link #FREE_ITEMS} more: the array stays within a
   * small multiple of the input.
   */
  private Value list(
      ListDatatype type, QNameContext element, BoundedDecoderChannel channel, StringDecoder strings)
      throws IOException {
    int count = channel.decodeUnsignedInteger();
    channel.requireBits("a list", "items", count, 1, FREE_ITEMS);
    Value[] items = new Value[count];
    for (int i = 0; i < count; i++) {
      channel.input().checkTime();
      items[i] = readValue(type.getListDatatype(), element, channel, strings);
    }
    return new ListValue(items, type.getListDatatype());
  }

  /**
   * Section 7.1.10: 0 and 1 are hits in the local and global value tables; otherwise the length
   * plus 2, then each character as its n-bit code in the set, or the code past the set's end
   * followed by the character's code point.
   */
  private static Value restricted(
      RestrictedCharacterSetDatatype type,
      QNameContext element,
      BoundedDecoderChannel channel,
      StringDecoder strings)
      throws IOException {
    int prefix = channel.decodeUnsignedInteger();
    if (prefix == 0) {
      return strings.readValueLocalHit(element, channel);
    }
    if (prefix == 1) {
      return strings.readValueGlobalHit(channel);
    }
    int length = prefix - 2;
    if (length == 0) {
      return StringCoder.EMPTY_STRING_VALUE;
    }
    RestrictedCharacterSet set = type.getRestrictedCharacterSet();
    int bits = set.getCodingLength();
    channel.requireBits("a string", "characters", length, Math.max(1, bits));
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      int code = channel.decodeNBitUnsignedInteger(bits);
      text.appendCodePoint(
          code == set.size() ? channel.decodeUnsignedInteger() : set.getCodePoint(code));
    }
    StringValue value = new StringValue(text.toString());
    strings.addValue(element, value);
    return value;
  }
}
