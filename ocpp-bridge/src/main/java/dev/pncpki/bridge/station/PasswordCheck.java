package dev.pncpki.bridge.station;

/**
 * Compares a password with a stored hash. The production check is {@link PasswordHash}'s PBKDF2;
 * tests count the derivations through this seam instead of measuring time.
 */
@FunctionalInterface
interface PasswordCheck {
  boolean matches(String password, String storedHash);

  PasswordCheck PBKDF2 = PasswordHash::matches;
}
