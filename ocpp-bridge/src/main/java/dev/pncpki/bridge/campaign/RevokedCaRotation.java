package dev.pncpki.bridge.campaign;

import dev.pncpki.bridge.authority.Authority;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a revoked CA leaves to move: the stations whose current certificates it issued, by
 * certificate type. Their certificates fail path validation from now on (RFC 5280 6.1.3: a revoked
 * CA certificate on the path), so each needs a new one from the CA's successor, which a rotate
 * campaign gets them (OCPP 2.0.1 A02: the trigger, the CSR, CertificateSigned).
 *
 * <p>A rotate campaign renews one certificate type, and a station is in one unfinished campaign at
 * a time. When the CA issued both types, the types are therefore moved one campaign after the
 * other: {@code V2GCertificate} first, because vehicles check the SECC's chain in the TLS handshake
 * of every Plug & Charge session (ISO 15118-2), while the charging-station certificate is checked
 * by the CSMS when the station next connects (OCPP 2.0.1 A00, security profile 3).
 */
public record RevokedCaRotation(Authority ca, Map<String, List<String>> stationsByType) {
  /** The order in which a CA's certificate types are moved; a type not listed comes last. */
  static final List<String> ORDER =
      List.of("V2GCertificate", "V2G20Certificate", "ChargingStationCertificate");

  /** The launcher of the bridge's admin CLI, as the docs write every command. */
  static final String CLI = "bin/pnc-bridge campaign-start rotate --revoked-ca ";

  /** Why no campaign can start from the request. */
  public static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, for the API to name it. */
    public enum Reason {
      UNKNOWN_CA,
      NOT_REVOKED,
      MIXED_TYPES,
      NOT_HELD
    }

    private final Reason reason;

    Refusal(Reason reason, String message) {
      super(message);
      this.reason = reason;
    }

    public Reason reason() {
      return reason;
    }
  }

  public RevokedCaRotation {
    Map<String, List<String>> sorted = new LinkedHashMap<>();
    stationsByType.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(RevokedCaRotation.typeOrder()))
        .forEach(e -> sorted.put(e.getKey(), List.copyOf(e.getValue())));
    stationsByType = java.util.Collections.unmodifiableMap(sorted);
  }

  /** What {@code ca} leaves to move, from the current certificates it issued. */
  public static RevokedCaRotation of(Authority ca, List<CurrentCertificates.Holding> holdings) {
    Map<String, List<String>> byType =
        holdings.stream()
            .collect(
                Collectors.groupingBy(
                    CurrentCertificates.Holding::certificateType,
                    TreeMap::new,
                    Collectors.mapping(
                        CurrentCertificates.Holding::stationId,
                        Collectors.collectingAndThen(
                            Collectors.toCollection(TreeSet::new), ArrayList::new))));
    return new RevokedCaRotation(ca, byType);
  }

  /**
   * The CA named {@code caId} among {@code cas}, with what it leaves to move.
   *
   * @throws Refusal UNKNOWN_CA if the hierarchy has no such CA, NOT_REVOKED if it is not revoked (a
   *     campaign over a CA in good standing selects by {@code issuer} instead)
   */
  public static RevokedCaRotation resolve(
      String caId, List<Authority> cas, CurrentCertificates current) {
    Authority ca =
        cas.stream()
            .filter(a -> a.id().equals(caId))
            .findFirst()
            .orElseThrow(
                () ->
                    new Refusal(
                        Refusal.Reason.UNKNOWN_CA,
                        "the CA has no CA \""
                            + caId
                            + "\"; its CAs are "
                            + cas.stream().map(Authority::id).collect(Collectors.joining(", "))));
    if (!ca.revoked()) {
      throw new Refusal(
          Refusal.Reason.NOT_REVOKED,
          "CA "
              + caId
              + " is "
              + ca.status().wire()
              + ", not revoked: revokedCa moves stations off a revoked CA only (to rotate the"
              + " certificates of a CA in good standing, select by issuer)");
    }
    return of(ca, current.issuedBy(ca.subject()));
  }

  /** No enabled station holds a current certificate from the CA. */
  public boolean isEmpty() {
    return stationsByType.isEmpty();
  }

  /** How many stations hold at least one current certificate from the CA. */
  public int stationCount() {
    return (int) stationsByType.values().stream().flatMap(List::stream).distinct().count();
  }

  /**
   * The type a campaign rotates: {@code asked} if given, else the only type the CA issued.
   *
   * @throws Refusal NOT_HELD if no station holds such a certificate from the CA, MIXED_TYPES if
   *     none is asked and the CA issued more than one type
   */
  public String typeToRotate(Optional<String> asked) {
    if (asked.isPresent()) {
      if (!stationsByType.containsKey(asked.get())) {
        throw new Refusal(
            Refusal.Reason.NOT_HELD,
            "no enabled station holds a current "
                + asked.get()
                + " issued by CA "
                + ca.id()
                + (isEmpty() ? "" : " (they hold " + counts() + ")"));
      }
      return asked.get();
    }
    if (isEmpty()) {
      throw new Refusal(
          Refusal.Reason.NOT_HELD,
          "no enabled station holds a current certificate issued by CA " + ca.id());
    }
    if (stationsByType.size() > 1) {
      throw new Refusal(
          Refusal.Reason.MIXED_TYPES,
          "CA "
              + ca.id()
              + " issued current certificates of more than one type ("
              + counts()
              + "); a campaign rotates one type and a station is in one campaign at a time:"
              + " name certificateType, "
              + firstType()
              + " first, then the next once it has finished");
    }
    return firstType();
  }

  /** The stations a campaign over {@code type} takes, by id. */
  public List<String> stations(String type) {
    return stationsByType.getOrDefault(type, List.of());
  }

  /** "V2GCertificate 3, ChargingStationCertificate 1": stations per type. */
  public String counts() {
    return stationsByType.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue().size())
        .collect(Collectors.joining(", "));
  }

  /**
   * The one command that moves the stations: for a CA that issued one type, that type's campaign;
   * for several, the campaign of the first (its type named), after which the command is given again
   * for the next.
   */
  public String command() {
    String type = stationsByType.size() > 1 ? " --certificate-type " + firstType() : "";
    return CLI + ca.id() + type + " --watch";
  }

  private String firstType() {
    return stationsByType.keySet().iterator().next();
  }

  private static Comparator<String> typeOrder() {
    return Comparator.<String>comparingInt(
            t -> ORDER.indexOf(t) < 0 ? ORDER.size() : ORDER.indexOf(t))
        .thenComparing(Comparator.naturalOrder());
  }
}
