package dev.pncpki.policies.profile;

import java.util.Objects;

/**
 * Where a rule comes from: a document and the requirement or section inside it. Every profile rule
 * carries one, so a violation report can say which standard the certificate breaks.
 *
 * <p>{@code confirmed} is false where the rule is our reading of public sources rather than the
 * normative text (ISO 15118-2 Annex F is not public; see docs/profiles.md).
 */
public record Clause(String document, String reference, boolean confirmed) {

  public Clause {
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(reference, "reference");
  }

  public static Clause iso2(String requirement) {
    return new Clause("ISO 15118-2", requirement, true);
  }

  public static Clause iso2Practice(String what) {
    return new Clause("ISO 15118-2 (public reference PKIs)", what, false);
  }

  public static Clause iso20(String requirement) {
    return new Clause("ISO 15118-20", requirement, true);
  }

  public static Clause rfc5280(String section) {
    return new Clause("RFC 5280", section, true);
  }

  public static Clause rfc6960(String section) {
    return new Clause("RFC 6960", section, true);
  }

  public static Clause ocpp201(String requirement) {
    return new Clause("OCPP 2.0.1", requirement, true);
  }

  public static Clause policy(String why) {
    return new Clause("pnc-pki policy", why, false);
  }

  @Override
  public String toString() {
    return document + " " + reference + (confirmed ? "" : " [not normative]");
  }
}
