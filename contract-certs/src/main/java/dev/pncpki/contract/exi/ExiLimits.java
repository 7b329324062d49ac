package dev.pncpki.contract.exi;

import java.time.Duration;

/**
 * What decoding one EXI message may cost: its size, how deep its elements nest, and how long it
 * takes. Within these, and because every length the stream announces must fit in the bytes left
 * (see {@link BoundedDecoderChannel}), a decode allocates a small multiple of the message's size.
 *
 * @param maxMessageBytes the largest message decoded at all
 * @param maxDepth the deepest element nesting decoded (an ISO 15118 message nests about 10 deep)
 * @param timeBudget how long one decode may run before it is refused
 */
public record ExiLimits(int maxMessageBytes, int maxDepth, Duration timeBudget) {
  /**
   * 16 KiB covers the largest request the schemas allow with realistic names: an ISO 15118-20
   * CertificateInstallationReq holds a provisioning chain of up to four certificates of at most
   * 1,600 bytes (V2G_CI_CommonMessages.xsd), 20 root certificate IDs and 8 prioritized eMAIDs of up
   * to 255 characters, about 12 KB with 100-character issuer names (an -2 CertificateUpdateReq,
   * five certificates of at most 800 bytes, is smaller). OCPP 2.1 carries at least 11,000 base64
   * characters (8,250 bytes) of it in Get15118EVCertificate, OCPP 2.0.1 5,600 (4,200 bytes). A
   * decode of such a message takes about a millisecond once warm; the budget leaves room for a cold
   * JVM and a busy machine.
   */
  public static final ExiLimits DEFAULT = new ExiLimits(16 * 1024, 32, Duration.ofSeconds(1));

  public ExiLimits {
    if (maxMessageBytes < 1 || maxDepth < 1 || timeBudget.isNegative() || timeBudget.isZero()) {
      throw new IllegalArgumentException("EXI limits are positive");
    }
  }
}
