package dev.pncpki.ca.contract;

import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.policies.id.Emaid;
import dev.pncpki.policies.id.InvalidIdentifierException;
import java.security.SecureRandom;

/**
 * The eMAID of a new contract: the one the mobility operator gives (checked, normalised, and of one
 * of its provider IDs when the tenant lists them), or one allocated from its first provider ID with
 * a random instance part and the check digit of eMI3's "Check Digit Calculation for Contract-IDs".
 */
final class EmaidRules {
  private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private static final SecureRandom RANDOM = new SecureRandom();

  private EmaidRules() {}

  static String forRequest(ContractSettings.Tenant mo, String requested) {
    if (requested == null) {
      if (mo.providerIds().isEmpty()) {
        throw new RefusedException(
            Refusal.MALFORMED_REQUEST,
            "emaid is missing, and tenant " + mo.role() + " has no providerIds to allocate from");
      }
      String prefix = mo.providerIds().get(0);
      StringBuilder instance = new StringBuilder(9);
      for (int i = 0; i < 9; i++) {
        instance.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
      }
      return Emaid.allocate(prefix.substring(0, 2), prefix.substring(2, 5), instance.toString())
          .value();
    }
    Emaid emaid = parse(requested);
    String prefix = emaid.countryCode() + emaid.providerId();
    if (!mo.providerIds().isEmpty() && !mo.providerIds().contains(prefix)) {
      throw new RefusedException(
          Refusal.FORBIDDEN,
          mo.role() + " may not issue eMAIDs of provider " + prefix + ", only " + mo.providerIds());
    }
    return emaid.value();
  }

  static String normalise(String emaid) {
    return parse(emaid).value();
  }

  private static Emaid parse(String emaid) {
    if (emaid == null) {
      throw new RefusedException(Refusal.INVALID_EMAID, "the eMAID is missing");
    }
    try {
      return Emaid.parse(emaid);
    } catch (InvalidIdentifierException e) {
      throw new RefusedException(
          Refusal.INVALID_EMAID, "\"" + emaid + "\" is not an eMAID: " + e.getMessage());
    }
  }
}
