package dev.pncpki.policies.profile;

import java.util.Objects;
import java.util.Optional;

/** The subject values a requester chooses; the profile decides how they are encoded. */
public record SubjectFields(
    String commonName, Optional<String> organization, Optional<String> country) {

  public SubjectFields {
    Objects.requireNonNull(commonName, "commonName");
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(country, "country");
  }

  public static SubjectFields of(String commonName, String organization, String country) {
    return new SubjectFields(
        commonName, Optional.ofNullable(organization), Optional.ofNullable(country));
  }
}
