package dev.pncpki.bridge.campaign;

import dev.pncpki.runtime.text.PlainText;
import java.util.List;
import java.util.Optional;

/**
 * Which stations a campaign covers; exactly one criterion: {@code all} configured stations, those
 * whose current certificate names {@code operator} as O, those that reported {@code model} in
 * BootNotification, those whose current certificate was issued by {@code issuer} (its RFC 2253
 * name, or just the CN), a list of {@code stations}, or those whose current certificate was issued
 * by the revoked CA with the id {@code revokedCa} (see {@link RevokedCaRotation}).
 */
public record Selection(
    Boolean all,
    String operator,
    String model,
    String issuer,
    List<String> stations,
    String revokedCa) {
  public Selection {
    all = Boolean.TRUE.equals(all);
    if (stations != null && stations.stream().anyMatch(s -> s == null || s.isBlank())) {
      throw new IllegalArgumentException("stations holds null or a blank id; name stations only");
    }
    stations = stations == null ? null : List.copyOf(stations);
    int given =
        (all ? 1 : 0)
            + (operator != null ? 1 : 0)
            + (model != null ? 1 : 0)
            + (issuer != null ? 1 : 0)
            + (stations != null ? 1 : 0)
            + (revokedCa != null ? 1 : 0);
    if (given != 1) {
      throw new IllegalArgumentException(
          "select exactly one of all, operator, model, issuer, stations, revokedCa");
    }
    if (stations != null && stations.isEmpty()) {
      throw new IllegalArgumentException("stations is empty");
    }
    for (String s : new String[] {operator, model, issuer, revokedCa}) {
      if (s != null && s.isBlank()) {
        throw new IllegalArgumentException("a selection criterion is blank");
      }
      if (s != null && PlainText.problem(s).isPresent()) {
        throw new IllegalArgumentException(
            "a selection criterion " + PlainText.problem(s).orElseThrow());
      }
    }
  }

  public static Selection allStations() {
    return new Selection(true, null, null, null, null, null);
  }

  public static Selection of(List<String> stations) {
    return new Selection(null, null, null, null, stations, null);
  }

  public static Selection revoked(String caId) {
    return new Selection(null, null, null, null, null, caId);
  }

  /** The criterion the database answers (operator, model, issuer), if it is one of those. */
  public Optional<String> stored() {
    return Optional.ofNullable(operator != null ? operator : model != null ? model : issuer);
  }
}
