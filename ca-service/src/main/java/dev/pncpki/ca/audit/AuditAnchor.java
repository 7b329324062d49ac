package dev.pncpki.ca.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * A signed statement that the audit chain's head was event {@code eventId} with hash {@code
 * headHash} at {@code signedAt}, made with the key {@code keyReference} ({@code name#version}) of
 * the key backend. Whoever can write to the database can recompute the chain's hashes, but cannot
 * make this signature.
 */
public record AuditAnchor(
    long eventId, byte[] headHash, Instant signedAt, String keyReference, byte[] signature) {
  private static final byte[] LABEL = "pnc-pki audit anchor 1\n".getBytes(StandardCharsets.UTF_8);

  public AuditAnchor {
    Objects.requireNonNull(headHash, "headHash");
    Objects.requireNonNull(signedAt, "signedAt");
    Objects.requireNonNull(keyReference, "keyReference");
    Objects.requireNonNull(signature, "signature");
    headHash = headHash.clone();
    signature = signature.clone();
  }

  @Override
  public byte[] headHash() {
    return headHash.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /**
   * The bytes signed: a fixed label, the event id, the microseconds of the signing time (the
   * precision PostgreSQL keeps) and the head's hash, each of fixed length, so no two statements
   * encode alike.
   */
  public static byte[] statement(long eventId, byte[] headHash, Instant signedAt) {
    long micros = signedAt.getEpochSecond() * 1_000_000L + signedAt.getNano() / 1000;
    return ByteBuffer.allocate(LABEL.length + 16 + headHash.length)
        .put(LABEL)
        .putLong(eventId)
        .putLong(micros)
        .put(headHash)
        .array();
  }

  public byte[] statement() {
    return statement(eventId, headHash, signedAt);
  }
}
