package dev.pncpki.contract.exi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Hostile variants of a valid EXI message for fuzz tests: bit flips, truncations, inserted bytes,
 * and inflated lengths (an EXI Unsigned Integer of 2^31 - 1 written at a bit offset, where a
 * bit-packed stream may hold a length prefix). Deterministic for a seeded {@link Random}.
 */
public final class ExiMutations {
  /** The length EXIficient would allocate for: 2^31 - 1 characters are 4 GiB. */
  public static final long INFLATED = Integer.MAX_VALUE;

  private ExiMutations() {}

  /** A variant and how it was made (with its bytes in hex, to replay a failure). */
  public record Mutation(String kind, byte[] bytes) {
    @Override
    public String toString() {
      return kind + " (" + bytes.length + " bytes: " + HexFormat.of().formatHex(bytes) + ")";
    }
  }

  /** Each bit of {@code valid} flipped on its own. */
  public static List<Mutation> bitFlips(byte[] valid) {
    List<Mutation> out = new ArrayList<>();
    for (int bit = 0; bit < valid.length * 8; bit++) {
      out.add(new Mutation("flip bit " + bit, flip(valid, bit)));
    }
    return out;
  }

  /** {@link #INFLATED} written over the bits at each offset of {@code valid}. */
  public static List<Mutation> inflations(byte[] valid) {
    List<Mutation> out = new ArrayList<>();
    boolean[] length = unsignedInteger(INFLATED);
    for (int bit = 0; bit < valid.length * 8; bit++) {
      out.add(new Mutation("inflate at bit " + bit, overwrite(valid, bit, length)));
    }
    return out;
  }

  /** {@code count} variants of every kind in turn, drawn from {@code random}. */
  public static List<Mutation> mixed(byte[] valid, Random random, int count) {
    List<Mutation> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(
          switch (i % 6) {
            case 0 -> {
              int bit = random.nextInt(valid.length * 8);
              yield new Mutation("flip bit " + bit, flip(valid, bit));
            }
            case 1 -> flips(valid, random, 2 + random.nextInt(15));
            case 2 -> {
              int length = random.nextInt(valid.length);
              yield new Mutation("truncate to " + length, Arrays.copyOf(valid, length));
            }
            case 3 -> insertBytes(valid, random);
            case 4 -> {
              int bit = random.nextInt(valid.length * 8);
              long value = 1L << (20 + random.nextInt(43)); // up to 2^62: ints overflow too
              yield new Mutation(
                  "write " + value + " at bit " + bit,
                  overwrite(valid, bit, unsignedInteger(value)));
            }
            default -> {
              int bit = random.nextInt(valid.length * 8);
              yield new Mutation(
                  "insert " + INFLATED + " at bit " + bit,
                  insert(valid, bit, unsignedInteger(INFLATED)));
            }
          });
    }
    return out;
  }

  /** The bits of an EXI Unsigned Integer (W3C EXI 1.0 section 7.1.6), most significant first. */
  public static boolean[] unsignedInteger(long value) {
    List<Integer> octets = new ArrayList<>();
    long rest = value;
    do {
      int group = (int) (rest & 0x7f);
      rest >>>= 7;
      octets.add(rest != 0 ? group | 0x80 : group);
    } while (rest != 0);
    boolean[] bits = new boolean[octets.size() * 8];
    for (int i = 0; i < bits.length; i++) {
      bits[i] = (octets.get(i / 8) & (0x80 >> (i % 8))) != 0;
    }
    return bits;
  }

  /** {@code valid} with {@code bits} written from bit {@code offset} on (cut at its end). */
  public static byte[] overwrite(byte[] valid, int offset, boolean[] bits) {
    byte[] out = valid.clone();
    for (int i = 0; i < bits.length && offset + i < out.length * 8; i++) {
      int bit = offset + i;
      out[bit / 8] = (byte) (bits[i] ? out[bit / 8] | mask(bit) : out[bit / 8] & ~mask(bit));
    }
    return out;
  }

  /** {@code valid} with {@code bits} inserted at bit {@code offset}, padded to whole bytes. */
  public static byte[] insert(byte[] valid, int offset, boolean[] bits) {
    int total = valid.length * 8 + bits.length;
    byte[] out = new byte[(total + 7) / 8];
    for (int i = 0; i < total; i++) {
      boolean set =
          i < offset
              ? get(valid, i)
              : i < offset + bits.length ? bits[i - offset] : get(valid, i - bits.length);
      if (set) {
        out[i / 8] |= (byte) mask(i);
      }
    }
    return out;
  }

  private static Mutation flips(byte[] valid, Random random, int count) {
    byte[] out = valid.clone();
    for (int i = 0; i < count; i++) {
      int bit = random.nextInt(out.length * 8);
      out[bit / 8] ^= (byte) mask(bit);
    }
    return new Mutation("flip " + count + " bits", out);
  }

  private static Mutation insertBytes(byte[] valid, Random random) {
    int at = random.nextInt(valid.length + 1);
    byte[] extra = new byte[1 + random.nextInt(4)];
    random.nextBytes(extra);
    byte[] out = new byte[valid.length + extra.length];
    System.arraycopy(valid, 0, out, 0, at);
    System.arraycopy(extra, 0, out, at, extra.length);
    System.arraycopy(valid, at, out, at + extra.length, valid.length - at);
    return new Mutation("insert " + extra.length + " bytes at " + at, out);
  }

  private static byte[] flip(byte[] valid, int bit) {
    byte[] out = valid.clone();
    out[bit / 8] ^= (byte) mask(bit);
    return out;
  }

  private static boolean get(byte[] bytes, int bit) {
    return (bytes[bit / 8] & mask(bit)) != 0;
  }

  private static int mask(int bit) {
    return 0x80 >> (bit % 8);
  }
}
