package dev.pncpki.ca.keys;

/**
 * The extra power of backends that can sign a whole message, as pure EdDSA (Ed448, RFC 8410) needs.
 * Vault Transit has no Ed448 keys, so only the software backend offers it.
 */
public interface MessageSigning {

  byte[] signMessage(KeyHandle key, byte[] message);
}
