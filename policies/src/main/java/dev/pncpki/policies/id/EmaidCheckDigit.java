package dev.pncpki.policies.id;

/**
 * The 15th character of an ISO 15118 / eMI3 contract ID, per the eMI3/OCHP paper "Check Digit
 * Calculation for Contract-IDs" (implemented too by the mobilityid and CitrineOS projects).
 *
 * <p>Each character value v (its index in 0-9A-Z) is split into a pair over GF(2), from v div 9,
 * and a pair over GF(3), from v mod 9. Position i weights the pairs with P1^i and P2^i. The check
 * character is the one that makes both weighted sums over all 15 positions zero. The paper claims
 * detection of single errors, adjacent transpositions, twin errors and jump transpositions; the
 * tests check the first two exhaustively on the published vectors.
 */
public final class EmaidCheckDigit {

  private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

  // 2x2 matrices in row-major order: {m00, m01, m10, m11}.
  private static final int[] P1 = {0, 1, 1, 1}; // over GF(2); P1^3 = I
  private static final int[] P2 = {0, 1, 1, 2}; // over GF(3); P2^8 = I

  private EmaidCheckDigit() {}

  /**
   * The check character for the first 14 characters of an eMAID (no hyphens, any case).
   *
   * @throws InvalidIdentifierException unless {@code first14} is 14 ASCII letters or digits
   */
  public static char compute(String first14) {
    requireShape(first14, 14);
    int[] sumQ = {0, 0};
    int[] sumR = {0, 0};
    int[] powerP1 = P1;
    int[] powerP2 = P2;
    for (int i = 0; i < 14; i++) {
      int v = ALPHABET.indexOf(Character.toUpperCase(first14.charAt(i)));
      int q = v / 9;
      int r = v % 9;
      addInto(sumQ, rowTimes(q / 2, q % 2, powerP1, 2), 2);
      addInto(sumR, rowTimes(r / 3, r % 3, powerP2, 3), 3);
      powerP1 = multiply(powerP1, P1, 2);
      powerP2 = multiply(powerP2, P2, 3);
    }
    // Position 15 needs x * P^15 = -sum. P1^15 = I and -1 = 1 in GF(2), so x = sumQ.
    // P2^15 = P2^7 = P2^-1, so x = -sumR * P2 (MOBID's "negP2minus15" is this -P2).
    int[] q = sumQ;
    int[] r = rowTimes((3 - sumR[0]) % 3, (3 - sumR[1]) % 3, P2, 3);
    return ALPHABET.charAt((2 * q[0] + q[1]) * 9 + 3 * r[0] + r[1]);
  }

  /**
   * Whether the 15th character is the right check character for the first 14 (no hyphens, any
   * case).
   *
   * @throws InvalidIdentifierException unless {@code first15} is 15 ASCII letters or digits
   */
  public static boolean verify(String first15) {
    requireShape(first15, 15);
    char expected = compute(first15.substring(0, 14));
    return expected == Character.toUpperCase(first15.charAt(14));
  }

  private static void requireShape(String s, int length) {
    if (s.length() != length) {
      throw new InvalidIdentifierException(
          "eMAID", s, "the check digit needs exactly " + length + " characters without hyphens");
    }
    for (int i = 0; i < length; i++) {
      if (!Ascii.isAlphanumeric(s.charAt(i))) {
        throw new InvalidIdentifierException(
            "eMAID", s, Ascii.describe(s, i) + " is not in the check-digit alphabet 0-9A-Z");
      }
    }
  }

  // Row vector (x, y) times matrix m, modulo mod.
  private static int[] rowTimes(int x, int y, int[] m, int mod) {
    return new int[] {(x * m[0] + y * m[2]) % mod, (x * m[1] + y * m[3]) % mod};
  }

  private static int[] multiply(int[] a, int[] b, int mod) {
    return new int[] {
      (a[0] * b[0] + a[1] * b[2]) % mod,
      (a[0] * b[1] + a[1] * b[3]) % mod,
      (a[2] * b[0] + a[3] * b[2]) % mod,
      (a[2] * b[1] + a[3] * b[3]) % mod
    };
  }

  private static void addInto(int[] sum, int[] term, int mod) {
    sum[0] = (sum[0] + term[0]) % mod;
    sum[1] = (sum[1] + term[1]) % mod;
  }
}
