/**
 * Delivery of the contract private key to the vehicle: the ISO 15118-2 envelope (ECDH P-256,
 * SHA-256 concatenation KDF, AES-128-CBC; [V2G2-815..823]) and the ISO 15118-20 SECP521 envelope
 * (ECDH P-521, SHA-512 concatenation KDF, AES-256-GCM with PCID and SKI as AAD;
 * [V2G20-2489..2535]).
 *
 * <p>The backend side is {@link dev.pncpki.contract.envelope.ContractKeyPair#generate}, then {@link
 * dev.pncpki.contract.envelope.Iso2ContractKeyEncryptor} or {@link
 * dev.pncpki.contract.envelope.Secp521ContractKeyEncryptor}, giving an {@link
 * dev.pncpki.contract.envelope.EncryptedContractKey}; the decryptors are the vehicle's side, for
 * tests and simulators. X448 and TPM envelopes are not provided.
 *
 * <p>Key hygiene, and its limit. Every byte array that holds secret material here (the contract
 * scalar and its copies, the ephemeral scalar, the shared secret Z, the session key K, BC's copy of
 * K, the final KDF hash block, GCM output that failed its tag) is zero-filled in a {@code finally}
 * block once used, and {@link dev.pncpki.contract.envelope.ContractKeyPair#close()} wipes the
 * pair's scalar. That does not make the process free of key material:
 *
 * <ul>
 *   <li>Bouncy Castle's EC code takes scalars as {@link java.math.BigInteger} and ECDH returns Z as
 *       one; BigIntegers are immutable and cannot be wiped. They are created as late and dropped as
 *       early as possible, but their contents stay on the heap until the garbage collector reuses
 *       the memory, and a moving collector may have copied them before.
 *   <li>The same holds for the field elements inside EC points, BC's digest state and AES round
 *       keys, which this code cannot reach.
 * </ul>
 *
 * <p>So wiping narrows the window in which a heap dump or swapped page reveals a key; it is no
 * substitute for keeping heap dumps, core files and swap of the CA process protected.
 */
package dev.pncpki.contract.envelope;
