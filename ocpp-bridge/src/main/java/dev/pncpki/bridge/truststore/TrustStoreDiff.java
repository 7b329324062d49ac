package dev.pncpki.bridge.truststore;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pncpki.bridge.ocpp.CertificateHashData;
import dev.pncpki.bridge.truststore.DesiredRoots.Wanted;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a station's trust store lacks and holds beyond policy, from its GetInstalledCertificateIds
 * answer (OCPP 2.0.1 M03, and its Plug &amp; Charge form for 1.6): a wanted root it does not report
 * under its type is missing; a reported root of a managed type that policy does not want (a root no
 * longer trusted, or expired) is extra. Roots of types the bridge does not manage are left alone.
 */
public final class TrustStoreDiff {
  /** A root the station reported: its type and its CertificateHashDataType as it wrote it. */
  public record Installed(String certificateType, JsonNode hashData) {
    public String serial() {
      return hashData.path("serialNumber").asText();
    }
  }

  /** The differences; none means the station's trust store follows policy. */
  public record Comparison(List<Wanted> missing, List<Installed> extra) {
    public boolean inSync() {
      return missing.isEmpty() && extra.isEmpty();
    }

    /** Why the station differs, for people. */
    public String why() {
      List<String> parts = new ArrayList<>();
      missing.forEach(w -> parts.add("missing " + w.certificateType() + " " + w.subject()));
      extra.forEach(
          i -> parts.add("not in policy " + i.certificateType() + " serial " + i.serial()));
      return String.join("; ", parts);
    }
  }

  private TrustStoreDiff() {}

  public static Comparison compare(List<Wanted> desired, JsonNode answer, Set<String> managed) {
    List<Installed> installed = new ArrayList<>();
    if ("Accepted".equals(answer.path("status").asText())) {
      for (JsonNode chain : answer.path("certificateHashDataChain")) {
        String type = chain.path("certificateType").asText();
        if (managed.contains(type)) {
          installed.add(new Installed(type, chain.path("certificateHashData")));
        }
      }
    }
    List<Wanted> missing =
        desired.stream()
            .filter(
                w ->
                    installed.stream()
                        .noneMatch(
                            i ->
                                i.certificateType().equals(w.certificateType())
                                    && CertificateHashData.names(
                                        i.hashData(), w.certificate(), w.certificate())))
            .toList();
    List<Installed> extra =
        installed.stream()
            .filter(
                i ->
                    desired.stream()
                        .noneMatch(
                            w ->
                                w.certificateType().equals(i.certificateType())
                                    && CertificateHashData.names(
                                        i.hashData(), w.certificate(), w.certificate())))
            .toList();
    return new Comparison(missing, extra);
  }
}
