package dev.pncpki.bridge.app;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Canned answers of the bridge's admin API for {@link DashboardPageTest}, in the shapes the bridge
 * writes (times relative to now): a busy fleet, an empty one, and one station in full.
 */
final class DashboardAnswers {
  static final int[] PER_WEEK = {2, 0, 5, 1, 0, 0, 3, 0, 0, 7, 0, 1};
  static final int MONTHS = 24;

  private DashboardAnswers() {}

  /** Now plus {@code days}, as the API writes times. */
  static String at(double days) {
    return Instant.now()
        .truncatedTo(ChronoUnit.SECONDS)
        .plus(Duration.ofSeconds((long) (days * 86_400)))
        .toString();
  }

  /** Month {@code i} from this one (UTC), as the API names months. */
  static String month(int i) {
    return YearMonth.now(ZoneOffset.UTC).plusMonths(i).toString();
  }

  /** How many end in month {@code i}: one in every third month, four in the last. */
  static int perMonth(int i) {
    return i == MONTHS - 1 ? 4 : i % 3 == 0 ? 1 : 0;
  }

  static String health() {
    StringBuilder weeks = new StringBuilder();
    for (int w = 0; w < PER_WEEK.length; w++) {
      weeks
          .append(w == 0 ? "" : ",")
          .append("{\"week\":%d,\"expiring\":%d}".formatted(w, PER_WEEK[w]));
    }
    StringBuilder months = new StringBuilder();
    for (int m = 0; m < MONTHS; m++) {
      months
          .append(m == 0 ? "" : ",")
          .append("{\"month\":\"%s\",\"expiring\":%d}".formatted(month(m), perMonth(m)));
    }
    return """
      {"stations":{"known":12,"connected":9,"disconnected":1,"neverConnected":1,"disabled":1},
       "currentCertificates":{
         "ChargingStationCertificate":{"total":10,"expired":0,"expiringWithinWindow":3},
         "V2GCertificate":{"total":8,"expired":1,"expiringWithinWindow":2}},
       "latestNotAfter":"%s",
       "expiringPerWeek":[%s],
       "expiringPerMonth":[%s],
       "renewals":{"triggered":1,"renewed":2,"revoked":5,"failed":1},
       "atRisk":[{"stationId":"CS-1","certificateType":"ChargingStationCertificate","serial":"1a2b",
                  "notAfter":"%s","renewal":"failed","disconnected":true}],
       "campaigns":[{"id":3,"kind":"rotate","state":"running","total":40,"currentWave":2,"waves":4,
                     "counts":{"pending":10,"requested":3,"issued":1,"delivered":0,"accepted":24,
                               "rejected":1,"failed":1,"cancelled":0},
                     "createdAt":"%s","pausedReason":null}],
       "finishedCampaigns":[
         {"id":2,"kind":"install-root","state":"completed","total":6,"currentWave":1,"waves":1,
          "counts":{"pending":0,"requested":0,"issued":0,"delivered":0,"accepted":5,"rejected":0,
                    "failed":1,"cancelled":0},"createdAt":"%5$s","finishedAt":"%s"},
         {"id":1,"kind":"rotate","state":"cancelled","total":3,"currentWave":1,"waves":1,
          "counts":{"pending":0,"requested":0,"issued":0,"delivered":0,"accepted":1,"rejected":0,
                    "failed":0,"cancelled":2},"createdAt":"%5$s","finishedAt":"%s"}],
       "alerts":[{"kind":"station-at-risk","key":"station-at-risk/CS-1","subject":"CS-1",
                  "severity":"critical","detail":"renewal failed, station disconnected",
                  "since":"%5$s"},
                 {"kind":"ca-revoked","key":"ca-revoked:cpo-sub-ca-2","subject":"cpo-sub-ca-2",
                  "severity":"critical","detail":"CA cpo-sub-ca-2 (CN=PnC Demo CPO Sub-CA 2,O=pnc-pki demo CPO,C=DE) is revoked and issued the current certificates of 3 station(s) (V2GCertificate 3); move them: bin/pnc-bridge campaign-start rotate --revoked-ca cpo-sub-ca-2 --watch",
                  "since":"%5$s"},
                 {"kind":"campaign-paused","key":"campaign-paused/4","subject":"campaign 4",
                  "severity":"WARNING","detail":"too many failures","since":"%5$s"}]}
      """
        .formatted(at(700), weeks, months, at(9), at(-1), at(-0.1), at(-0.5));
  }

  /** A fresh install: no station, no certificate, no campaign, no alert. */
  static String emptyHealth() {
    StringBuilder weeks = new StringBuilder();
    for (int w = 0; w < 12; w++) {
      weeks.append(w == 0 ? "" : ",").append("{\"week\":%d,\"expiring\":0}".formatted(w));
    }
    StringBuilder months = new StringBuilder();
    for (int m = 0; m < 12; m++) {
      months
          .append(m == 0 ? "" : ",")
          .append("{\"month\":\"%s\",\"expiring\":0}".formatted(month(m)));
    }
    return """
      {"stations":{"known":0,"connected":0,"disconnected":0,"neverConnected":0,"disabled":0},
       "currentCertificates":{},"latestNotAfter":null,"expiringPerWeek":[%s],
       "expiringPerMonth":[%s],"renewals":{},"atRisk":[],"campaigns":[],"finishedCampaigns":[],
       "alerts":[]}
      """
        .formatted(weeks, months);
  }

  /**
   * CS-1 with every optional field; CS-2 away with a certificate ending soon; CS-3 with one ending
   * sooner still; a station id made of markup that never connected; and a disabled one.
   */
  static String stations() {
    return """
      [{"id":"CS-1","state":"connected","connected":true,"ocppVersion":"ocpp2.0.1","instance":"b1",
        "connectedAt":"%s","securityProfile":2,"operator":"Demo CPO","model":"Wallbox-X",
        "certificates":[{"serial":"1a2b","certificateType":"ChargingStationCertificate",
          "notAfter":"%s","daysLeft":300,"status":"Accepted","answeredAt":"%s","deliveryId":5}],
        "lastRenewal":{"state":"renewed","updatedAt":"%s","lastError":null},
        "ocsp":{"at":"%4$s","nextUpdate":"%s"}},
       {"id":"CS-2","state":"disconnected","connected":false,"ocppVersion":"ocpp1.6",
        "connectedAt":"%1$s","disconnectedAt":"%4$s","securityProfile":1,
        "certificates":[{"serial":"2b","certificateType":"ChargingStationCertificate",
          "notAfter":"%s","daysLeft":20,"status":"Accepted","answeredAt":"%3$s","deliveryId":6}]},
       {"id":"CS-3","state":"connected","connected":true,"ocppVersion":"ocpp2.0.1",
        "connectedAt":"%1$s","securityProfile":3,
        "certificates":[{"serial":"3c","certificateType":"ChargingStationCertificate",
          "notAfter":"%s","daysLeft":400,"status":"Accepted","answeredAt":"%3$s","deliveryId":7},
          {"serial":"3d","certificateType":"V2GCertificate","notAfter":"%s","daysLeft":5,
          "status":"Accepted","answeredAt":"%3$s","deliveryId":8}]},
       {"id":"CS-<img src=x onerror=alert(1)>","state":"never-connected","connected":false,
        "securityProfile":1,"certificates":[]},
       {"id":"CS-9","state":"disabled","connected":false,"securityProfile":1,"enabled":false,
        "certificates":[]}]
      """
        .formatted(at(-40), at(300), at(-2), at(-3), at(4), at(20), at(400), at(5));
  }

  /** GET /v1/stations/CS-1: registration, certificates, trust anchors, deliveries, events. */
  static String station() {
    return """
      {"id":"CS-1","state":"connected","connected":true,"ocppVersion":"ocpp2.0.1","instance":"b1",
       "connectedAt":"%s","securityProfile":2,"enabled":true,"operator":"Demo CPO",
       "model":"Wallbox-X","registeredBy":"admin","registeredAt":"%1$s",
       "passwordChangePending":false,"seccIds":[],
       "reported":{"vendor":"Sim","model":"Wallbox-X","firmwareVersion":"1.2.3"},
       "certificates":[
         {"serial":"0a0b","certificateType":"ChargingStationCertificate","notAfter":"%s",
          "daysLeft":-3,"status":"Accepted","answeredAt":"%s","deliveryId":2,
          "issuer":"CN=CPO Sub-CA 2,O=Demo CPO","organization":"Demo CPO"},
         {"serial":"1a2b","certificateType":"ChargingStationCertificate","notAfter":"%s",
          "daysLeft":300,"status":"Accepted","answeredAt":"%s","deliveryId":5,
          "issuer":"CN=CPO Sub-CA 2,O=Demo CPO","organization":"Demo CPO"}],
       "lastRenewal":{"state":"renewed","updatedAt":"%5$s"},
       "trustAnchors":{"askedAt":"%5$s","deliveryId":9,"answer":{"status":"Accepted",
         "certificateHashDataChain":[{"certificateType":"V2GRootCertificate",
           "certificateHashData":{"hashAlgorithm":"SHA256","issuerNameHash":"%s",
             "issuerKeyHash":"%s","serialNumber":"77"}}]}},
       "deliveries":[{"id":9,"stationId":"CS-1","route":"ocpp2.0.1",
         "action":"GetInstalledCertificateIds","origin":"admin","state":"answered","attempts":1,
         "maxAttempts":5,"createdAt":"%5$s","answer":{"status":"Accepted"}},
         {"id":8,"stationId":"CS-1","route":"ocpp2.0.1","action":"TriggerMessage",
          "origin":"renewal","state":"failed","attempts":5,"maxAttempts":5,"createdAt":"%5$s",
          "lastError":"no answer"}],
       "securityEvents":[{"id":4,"at":"%5$s","stationId":"CS-1","source":"station",
         "type":"InvalidFirmwareSigningCertificate","detail":"<b>signed by someone else</b>"}]}
      """
        .formatted(at(-40), at(-3), at(-400), at(300), at(-2), "ab".repeat(32), "cd".repeat(32));
  }
}
