package dev.pncpki.ca.contract;

import java.time.Instant;

/** What a new contract row holds before the database numbers it. */
public record NewContract(
    String emaid,
    String pcid,
    String mo,
    String oem,
    String suite,
    String issuerId,
    String serial,
    byte[] encryptedPrivateKey,
    byte[] dhPublicKey,
    Long replaces,
    Instant createdAt) {}
