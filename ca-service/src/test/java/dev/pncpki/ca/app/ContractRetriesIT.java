package dev.pncpki.ca.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pncpki.policies.id.Emaid;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract requests with an Idempotency-Key on a real CA and PostgreSQL: a retry gets the same
 * contract, also a renewal's retry once the contract it renewed is replaced; concurrent requests
 * with one key make one contract; a key reused for another request, or malformed, is refused.
 */
class ContractRetriesIT {
  @TempDir static Path dir;
  static RunningCa ca;
  static OemPki oem;

  @BeforeAll
  static void start() throws Exception {
    ca = RunningCa.withSoftwareKeys(dir);
    oem = new OemPki("OEM Retry", "secp256r1");
    ContractIT.trust(ca, oem.root);
  }

  @AfterAll
  static void stop() {
    ca.close();
  }

  private static String vehicle(String pcid) throws Exception {
    var v = oem.vehicle(pcid);
    assertThat(ContractIT.uploadTo(ca, oem, v, RunningCa.OEM_A).status()).isEqualTo(201);
    return v.pcid();
  }

  private static RunningCa.Reply issue(String key, Map<String, Object> body) throws Exception {
    return ca.postJson("/v1/contracts", RunningCa.MO_X, body, "Idempotency-Key", key);
  }

  @Test
  void aRetryGetsTheSameContractAndAnotherRequestUnderTheKeyIsRefused() throws Exception {
    String pcid = vehicle("WMA00000000000R01");
    String emaid = Emaid.allocate("DE", "PNC", "RETRY0001").value();
    Map<String, Object> body = Map.of("pcid", pcid, "emaid", emaid, "validityDays", 30);
    var first = issue("contract-r01", body);
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    var again = issue("contract-r01", body);
    assertThat(again.status()).as(again.body()).isEqualTo(201);
    assertThat(again.json().path("serial")).isEqualTo(first.json().path("serial"));
    assertThat(again.json().path("contractData")).isEqualTo(first.json().path("contractData"));

    var other = issue("contract-r01", Map.of("pcid", pcid, "emaid", emaid, "validityDays", 29));
    assertThat(other.status()).as(other.body()).isEqualTo(409);
    assertThat(other.json().path("code").asText()).isEqualTo("idempotency-key-reused");
    var blank = issue(" ", body);
    assertThat(blank.status()).as(blank.body()).isEqualTo(400);
    assertThat(blank.json().path("code").asText()).isEqualTo("malformed-request");
  }

  @Test
  void aRenewalsRetryIsAnsweredAfterTheContractItRenewedIsReplaced() throws Exception {
    String pcid = vehicle("WMA00000000000R02");
    String emaid = Emaid.allocate("DE", "PNC", "RETRY0002").value();
    assertThat(
            issue("contract-r02", Map.of("pcid", pcid, "emaid", emaid, "validityDays", 30))
                .status())
        .isEqualTo(201);
    String path = "/v1/contracts/" + emaid + "/" + pcid + "/update";
    var renewed = ca.postJson(path, RunningCa.MO_X, Map.of(), "Idempotency-Key", "renew-r02");
    assertThat(renewed.status()).as(renewed.body()).isEqualTo(201);
    var again = ca.postJson(path, RunningCa.MO_X, Map.of(), "Idempotency-Key", "renew-r02");
    assertThat(again.status()).as(again.body()).isEqualTo(201);
    assertThat(again.json().path("serial")).isEqualTo(renewed.json().path("serial"));
    assertThat(ca.rows("select count(*) from contract where emaid = '" + emaid + "'")).isEqualTo(2);
  }

  @Test
  void concurrentRenewalsWithOneKeyMakeOneContract() throws Exception {
    String pcid = vehicle("WMA00000000000R03");
    String emaid = Emaid.allocate("DE", "PNC", "RETRY0003").value();
    assertThat(
            issue("contract-r03", Map.of("pcid", pcid, "emaid", emaid, "validityDays", 30))
                .status())
        .isEqualTo(201);
    String path = "/v1/contracts/" + emaid + "/" + pcid + "/update";
    var pool = Executors.newFixedThreadPool(6);
    List<Future<RunningCa.Reply>> replies = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      replies.add(
          pool.submit(
              (Callable<RunningCa.Reply>)
                  () -> ca.postJson(path, RunningCa.MO_X, Map.of(), "Idempotency-Key", "r03")));
    }
    Set<String> serials = new HashSet<>();
    for (var f : replies) {
      var r = f.get();
      if (r.status() == 201) {
        serials.add(r.json().path("serial").asText());
      } else {
        assertThat(r.status()).as(r.body()).isEqualTo(409);
        assertThat(r.json().path("code").asText()).isEqualTo("issuance-in-progress");
      }
    }
    pool.shutdown();
    assertThat(serials).hasSize(1);
    assertThat(ca.rows("select count(*) from contract where emaid = '" + emaid + "'")).isEqualTo(2);
  }
}
