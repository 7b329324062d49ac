package dev.pncpki.ca.issuance;

import java.util.List;
import java.util.stream.Collectors;

/** How many certificates of one profile a query found. */
public record ProfileCount(String profile, long count) {

  /** "charging-station-client 12, secc-leaf 3", or "none". */
  public static String describe(List<ProfileCount> counts) {
    return counts.isEmpty()
        ? "none"
        : counts.stream().map(c -> c.profile() + " " + c.count()).collect(Collectors.joining(", "));
  }
}
