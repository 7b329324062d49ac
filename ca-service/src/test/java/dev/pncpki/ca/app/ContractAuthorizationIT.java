package dev.pncpki.ca.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pncpki.policies.id.Emaid;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may do what with contracts: every tenant role against every contract endpoint. OEMs see only
 * their own PCIDs; a mobility operator renews and revokes only its own contracts; the bridge has no
 * business here. Every refusal is a 403 and leaves an audit event.
 */
class ContractAuthorizationIT {
  @TempDir static Path dir;
  static RunningCa ca;
  static OemPki oem;
  static OemPki.Vehicle vehicle;
  static String emaid = Emaid.allocate("DE", "PNC", "AUTHZ0001").value();

  /** Every caller, by the name the matrix uses. */
  static final Map<String, String> CALLERS = new LinkedHashMap<>();

  static {
    CALLERS.put("anonymous", null);
    CALLERS.put("admin", RunningCa.ADMIN);
    CALLERS.put("bridge", RunningCa.BRIDGE);
    CALLERS.put("oem-a", RunningCa.OEM_A);
    CALLERS.put("oem-b", RunningCa.OEM_B);
    CALLERS.put("mo-x", RunningCa.MO_X);
    CALLERS.put("mo-y", RunningCa.MO_Y);
  }

  @BeforeAll
  static void start() throws Exception {
    ca = RunningCa.withSoftwareKeys(dir);
    oem = new OemPki("Authz OEM", "secp256r1");
    ContractIT.trust(ca, oem.root);
    vehicle = oem.vehicle("WMZ00000000000001");
    assertThat(ContractIT.uploadTo(ca, oem, vehicle, RunningCa.OEM_A).status()).isEqualTo(201);
    var contract =
        ca.postJson(
            "/v1/contracts", RunningCa.MO_X, Map.of("pcid", vehicle.pcid(), "emaid", emaid));
    assertThat(contract.status()).as(contract.body()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    ca.close();
  }

  /** Not asked: the request would change what the other rows of the matrix rely on. */
  static final int SKIP = 0;

  /** Expected status per caller, in the order of {@link #CALLERS}. */
  private static void expect(String what, Request request, int... statuses) throws Exception {
    List<String> names = List.copyOf(CALLERS.keySet());
    for (int i = 0; i < names.size(); i++) {
      if (statuses[i] == SKIP) {
        continue;
      }
      var reply = request.send(CALLERS.get(names.get(i)));
      assertThat(reply.status())
          .as("%s by %s: %s", what, names.get(i), reply.body())
          .isEqualTo(statuses[i]);
      if (reply.status() == 403) {
        assertThat(reply.json().path("code").asText()).isEqualTo("forbidden");
      }
    }
  }

  interface Request {
    RunningCa.Reply send(String token) throws Exception;
  }

  @Test
  void readingFollowsOwnership() throws Exception {
    String pcid = vehicle.pcid();
    //                                           anon admin bridge oem-a oem-b mo-x mo-y
    expect(
        "list trust anchors",
        t -> ca.get("/v1/trust-anchors", t),
        401,
        200,
        403,
        403,
        403,
        403,
        403);
    expect(
        "read PCID",
        t -> ca.get("/v1/oem/provCerts/" + pcid, t),
        401,
        200,
        403,
        200,
        403,
        200,
        200);
    expect("list PCIDs", t -> ca.get("/v1/oem/provCerts", t), 401, 200, 403, 200, 200, 403, 403);
    expect(
        "read contract",
        t -> ca.get("/v1/contracts/" + emaid + "/" + pcid, t),
        401,
        200,
        403,
        200,
        403,
        200,
        403);
    expect(
        "list contracts",
        t -> ca.get("/v1/contracts?pcid=" + pcid, t),
        401,
        200,
        403,
        200,
        200,
        200,
        200);

    assertThat(ca.get("/v1/oem/provCerts", RunningCa.OEM_B).json()).isEmpty();
    assertThat(ca.get("/v1/contracts?pcid=" + pcid, RunningCa.OEM_B).json()).isEmpty();
    assertThat(ca.get("/v1/contracts?pcid=" + pcid, RunningCa.MO_Y).json()).isEmpty();
    assertThat(ca.get("/v1/contracts?pcid=" + pcid, RunningCa.OEM_A).json()).hasSize(1);
    assertThat(
            ca.rows(
                "select count(*) from audit_event where actor = 'test-oem-b'"
                    + " and action = 'refused' and detail like '%"
                    + pcid
                    + "%'"))
        .as("OEM B asking for OEM A's PCID is audited")
        .isPositive();
  }

  @Test
  void changesFollowOwnership() throws Exception {
    String pcid = vehicle.pcid();
    String contract = "/v1/contracts/" + emaid + "/" + pcid;
    Map<String, String> revoke = Map.of("reason", "cessationOfOperation");
    //                                           anon admin bridge oem-a oem-b mo-x mo-y
    expect(
        "add trust anchor",
        t ->
            ca.postJson(
                "/v1/trust-anchors", t, Map.of("pki", "oem", "oem", "oem-a", "certificate", "x")),
        401,
        400,
        403,
        403,
        403,
        403,
        403);
    expect(
        "upload",
        t -> ca.send("PUT", "/v1/oem/provCerts", t, "application/json", "{}".getBytes()),
        401,
        403,
        403,
        400,
        400,
        403,
        403);
    expect(
        "delete PCID",
        t -> ca.send("DELETE", "/v1/oem/provCerts/" + pcid, t, null, null),
        401,
        SKIP,
        403,
        SKIP,
        403,
        403,
        403);
    expect(
        "issue contract",
        t -> ca.postJson("/v1/contracts", t, Map.of("pcid", "WMZ00000000000099")),
        401,
        403,
        403,
        403,
        403,
        404,
        404);
    expect(
        "renew contract",
        t -> ca.postJson(contract + "/update", t, Map.of()),
        401,
        403,
        403,
        403,
        403,
        SKIP,
        403);
    expect(
        "revoke contract",
        t -> ca.postJson(contract + "/revoke", t, revoke),
        401,
        SKIP,
        403,
        403,
        403,
        SKIP,
        403);
    var refusedRevoke =
        ca.rows(
            "select count(*) from audit_event where actor = 'test-mo-y' and action = 'refused'"
                + " and detail like '%revoke a contract of mo-x%'");
    assertThat(refusedRevoke).as("MO Y revoking MO X's contract is audited").isPositive();
    assertThat(ca.get(contract, RunningCa.MO_X).json().path("status").asText()).isEqualTo("active");
  }
}
