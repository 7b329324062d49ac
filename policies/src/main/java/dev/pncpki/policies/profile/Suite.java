package dev.pncpki.policies.profile;

/**
 * A generation of the V2G PKI: which key algorithm every certificate uses and how large a DER
 * certificate may be on the V2G link.
 */
public enum Suite {
  /** ISO 15118-2: P-256 / ecdsa-with-SHA256, certificates at most 800 bytes [V2G2-010]. */
  ISO15118_2("iso15118-2", KeyAlgorithm.EC_P256, 800, Clause.iso2("V2G2-006, V2G2-007, V2G2-010")),
  /** ISO 15118-20 with secp521r1 / SHA-512; XSD certificateType maxLength 1600. */
  ISO15118_20_P521(
      "iso15118-20-p521",
      KeyAlgorithm.EC_P521,
      1600,
      Clause.iso20("V2G20-2673, V2G20-2674; XSD certificateType")),
  /** ISO 15118-20 with Ed448; only for key backends that can sign whole messages. */
  ISO15118_20_ED448(
      "iso15118-20-ed448",
      KeyAlgorithm.ED448,
      1600,
      Clause.iso20("V2G20-2319; XSD certificateType"));

  private final String label;
  private final KeyAlgorithm keyAlgorithm;
  private final int maxEncodedBytes;
  private final Clause source;

  Suite(String label, KeyAlgorithm keyAlgorithm, int maxEncodedBytes, Clause source) {
    this.label = label;
    this.keyAlgorithm = keyAlgorithm;
    this.maxEncodedBytes = maxEncodedBytes;
    this.source = source;
  }

  public String label() {
    return label;
  }

  public KeyAlgorithm keyAlgorithm() {
    return keyAlgorithm;
  }

  public int maxEncodedBytes() {
    return maxEncodedBytes;
  }

  public Clause source() {
    return source;
  }

  public static Suite fromLabel(String label) {
    for (Suite s : values()) {
      if (s.label.equals(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown suite \"" + label + "\"; known: iso15118-2, iso15118-20-p521, iso15118-20-ed448");
  }
}
