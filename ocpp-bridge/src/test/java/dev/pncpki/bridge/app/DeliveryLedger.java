package dev.pncpki.bridge.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * What three independent parties saw of a fleet's CSRs, keyed by the CSR's public key (SHA-256 of
 * its SubjectPublicKeyInfo, as the Python stations compute it): the stations (each CSR with the
 * bridge's answer, each CertificateSigned and trigger they received), the bridge's database (its
 * signing requests and deliveries), and the CA (the certificates it issued for the stations).
 */
record DeliveryLedger(
    List<JsonNode> csrs,
    Map<String, Integer> signedByKey,
    Map<String, Integer> triggersByStation,
    List<Request> requests,
    Map<String, List<String>> caSerialsByKey,
    Map<String, Map<String, Integer>> triggerRowsByStation) {

  /** A signing request as the bridge recorded it, with its CertificateSigned delivery. */
  record Request(
      long id,
      String stationId,
      String key,
      String state,
      String serial,
      String lastError,
      String deliveryState,
      boolean unconfirmed) {}

  static DeliveryLedger read(Path fleetOut, DataSource bridgeDb, int caPort, List<String> stations)
      throws Exception {
    List<JsonNode> csrs = lines(fleetOut.resolve("csrs.jsonl"));
    Map<String, Integer> signed = new HashMap<>();
    Map<String, Integer> triggers = new TreeMap<>();
    for (JsonNode call : lines(fleetOut.resolve("calls.jsonl"))) {
      String action = call.path("action").asText();
      if (action.equals("CertificateSigned")) {
        signed.merge(call.path("key").asText(), 1, Integer::sum);
      } else if (action.endsWith("TriggerMessage")) {
        triggers.merge(call.path("station").asText(), 1, Integer::sum);
      }
    }
    Map<String, List<String>> issued = new HashMap<>();
    for (String station : stations) {
      for (JsonNode c : caCertificates(caPort, station)) {
        issued
            .computeIfAbsent(
                key(certificate(c.path("certificate").asText())), k -> new ArrayList<>())
            .add(c.path("serial").asText());
      }
    }
    try (Connection c = bridgeDb.getConnection();
        Statement s = c.createStatement()) {
      return new DeliveryLedger(csrs, signed, triggers, requests(s), issued, triggerRows(s));
    }
  }

  private static List<Request> requests(Statement s) throws Exception {
    List<Request> out = new ArrayList<>();
    try (ResultSet rs =
        s.executeQuery(
            "SELECT r.id, r.station_id, r.csr, r.state, r.serial, r.last_error, d.state AS"
                + " delivery, d.unconfirmed FROM signing_request r LEFT JOIN delivery d ON d.id ="
                + " r.delivery_id ORDER BY r.id")) {
      while (rs.next()) {
        out.add(
            new Request(
                rs.getLong("id"),
                rs.getString("station_id"),
                key(csr(rs.getString("csr"))),
                rs.getString("state"),
                rs.getString("serial"),
                rs.getString("last_error"),
                rs.getString("delivery"),
                rs.getBoolean("unconfirmed")));
      }
    }
    return out;
  }

  /** Per station, its trigger deliveries by outcome: answered, unconfirmed, or their state. */
  private static Map<String, Map<String, Integer>> triggerRows(Statement s) throws Exception {
    Map<String, Map<String, Integer>> out = new TreeMap<>();
    try (ResultSet rs =
        s.executeQuery(
            "SELECT station_id, CASE WHEN unconfirmed THEN 'unconfirmed' ELSE state END AS"
                + " outcome, count(*) AS n FROM delivery WHERE action IN ('TriggerMessage',"
                + " 'ExtendedTriggerMessage') GROUP BY 1, 2")) {
      while (rs.next()) {
        out.computeIfAbsent(rs.getString("station_id"), k -> new TreeMap<>())
            .put(rs.getString("outcome"), rs.getInt("n"));
      }
    }
    return out;
  }

  private static JsonNode caCertificates(int caPort, String cn) throws Exception {
    var response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:" + caPort + "/v1/certificates?limit=1000&cn=" + cn))
                    .header("Authorization", "Bearer embedded-admin-token")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError("CA search: " + response.statusCode() + " " + response.body());
    }
    return Peers.JSON.readTree(response.body());
  }

  private static List<JsonNode> lines(Path file) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file)) {
        out.add(Peers.JSON.readTree(line));
      }
    }
    return out;
  }

  private static SubjectPublicKeyInfo csr(String pem) throws Exception {
    try (var parser = new PEMParser(new StringReader(pem))) {
      return ((PKCS10CertificationRequest) parser.readObject()).getSubjectPublicKeyInfo();
    }
  }

  private static SubjectPublicKeyInfo certificate(String pem) throws Exception {
    try (var parser = new PEMParser(new StringReader(pem))) {
      return ((X509CertificateHolder) parser.readObject()).getSubjectPublicKeyInfo();
    }
  }

  private static String key(SubjectPublicKeyInfo spki) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki.getEncoded()));
  }

  long stationsSaid(String answer) {
    return csrs.stream().filter(c -> c.path("answer").asText("none").equals(answer)).count();
  }

  long requestsIn(String state) {
    return requests.stream().filter(r -> r.state().equals(state)).count();
  }

  long certificatesSignedReceived() {
    return signedByKey.values().stream().mapToLong(Integer::longValue).sum();
  }

  long caCertificates() {
    return caSerialsByKey.values().stream().mapToLong(List::size).sum();
  }

  long unconfirmed() {
    return requests.stream().filter(Request::unconfirmed).count();
  }

  long unconfirmedReceived() {
    return requests.stream()
        .filter(Request::unconfirmed)
        .filter(r -> signedByKey.getOrDefault(r.key(), 0) > 0)
        .count();
  }

  int triggerRows(String station, String outcome) {
    return triggerRowsByStation.getOrDefault(station, Map.of()).getOrDefault(outcome, 0);
  }

  String summary() {
    int triggersReceived = triggersByStation.values().stream().mapToInt(Integer::intValue).sum();
    int triggersAnswered =
        triggerRowsByStation.values().stream().mapToInt(m -> m.getOrDefault("answered", 0)).sum();
    int triggersUnconfirmed =
        triggerRowsByStation.values().stream()
            .mapToInt(m -> m.getOrDefault("unconfirmed", 0))
            .sum();
    return """
        CSRs sent by the stations: %d (answered Accepted %d, Rejected %d, no answer %d)
        signing requests recorded: %d (issued %d, failed %d, still issuing %d)
        certificates issued by the CA for these stations: %d
        CertificateSigned received by the stations: %d (deliveries unconfirmed: %d, of which \
        received %d)
        triggers received by the stations: %d (deliveries answered %d, unconfirmed %d)"""
        .formatted(
            csrs.size(),
            stationsSaid("Accepted"),
            stationsSaid("Rejected"),
            stationsSaid("none"),
            requests.size(),
            requestsIn("issued"),
            requestsIn("failed"),
            requestsIn("issuing"),
            caCertificates(),
            certificatesSignedReceived(),
            unconfirmed(),
            unconfirmedReceived(),
            triggersReceived,
            triggersAnswered,
            triggersUnconfirmed);
  }
}
