package dev.pncpki.bridge.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the secrets a delivery carries while it waits in the database (a station's new password):
 * AES-256-GCM with a random 96-bit nonce, the station id as associated data, so a sealed secret
 * cannot be moved to another station's row. The key is a file shared by every bridge instance of a
 * database; a file that does not exist yet is made (32 random bytes, owner-only).
 */
public final class SecretBox {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int NONCE = 12;
  private final SecretKeySpec key;

  SecretBox(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("the secret key has 32 bytes (base64 in its file)");
    }
    this.key = new SecretKeySpec(key, "AES");
  }

  /** The key in {@code file} (base64), made first if the file does not exist. */
  public static SecretBox fromFile(Path file) {
    try {
      if (!Files.exists(file)) {
        make(file);
      }
      return new SecretBox(
          Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the secret key " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("secret key " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes a new key whole before it takes the file's name, and never over a key another instance
   * made meanwhile: the key goes to a temporary file beside it, which is then linked to the name (a
   * link fails if the name exists), so no reader ever sees an empty or half-written key.
   */
  private static void make(Path file) throws IOException {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp;
    try {
      temp =
          Files.createTempFile(
              dir,
              ".secret-key",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      temp = Files.createTempFile(dir, ".secret-key", ".tmp");
    }
    try {
      Files.writeString(
          temp, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
      try {
        Files.createLink(file, temp);
      } catch (UnsupportedOperationException e) { // a file system without links
        Files.move(temp, file); // without REPLACE_EXISTING: fails if the name exists
      }
    } catch (FileAlreadyExistsException e) {
      // another instance made it meanwhile: its key is the one
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  byte[] seal(String secret, String stationId) {
    byte[] nonce = new byte[NONCE];
    RANDOM.nextBytes(nonce);
    byte[] sealed =
        crypt(Cipher.ENCRYPT_MODE, nonce, secret.getBytes(StandardCharsets.UTF_8), stationId);
    return ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array();
  }

  String open(byte[] sealed, String stationId) {
    byte[] nonce = java.util.Arrays.copyOf(sealed, NONCE);
    byte[] body = java.util.Arrays.copyOfRange(sealed, NONCE, sealed.length);
    return new String(crypt(Cipher.DECRYPT_MODE, nonce, body, stationId), StandardCharsets.UTF_8);
  }

  private byte[] crypt(int mode, byte[] nonce, byte[] input, String stationId) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, key, new GCMParameterSpec(128, nonce));
      cipher.updateAAD(("pnc-pki delivery secret " + stationId).getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "a delivery's secret cannot be "
              + (mode == Cipher.ENCRYPT_MODE ? "sealed" : "opened")
              + ": "
              + e.getMessage(),
          e);
    }
  }
}
