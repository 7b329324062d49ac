package dev.pncpki.bridge.station;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StationDirectoryTest {
  private static final String SHA = "ab".repeat(32);
  private final InMemoryStations registry = new InMemoryStations();
  private final StationDirectory stations = new StationDirectory(registry, registry, "Demo CPO");

  private void register(String id, SecurityProfile profile, String password) {
    registry.add(
        Station.registered(
            id,
            profile,
            Optional.ofNullable(password).map(PasswordHash::of),
            Optional.of(new CertificateBinding.CommonName(id)),
            Optional.empty(),
            Optional.empty(),
            List.of(),
            "test",
            Instant.EPOCH));
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private Optional<String> plain(String id, String authorization) {
    return stations
        .admit(id, new StationDirectory.Offer(false, authorization, Optional.empty()))
        .map(StationDirectory.Refusal::reason);
  }

  private Optional<String> tls(
      String id, String authorization, StationDirectory.ClientCertificate c) {
    return stations
        .admit(id, new StationDirectory.Offer(true, authorization, Optional.ofNullable(c)))
        .map(StationDirectory.Refusal::reason);
  }

  @Test
  void profileOneTakesTheStationWithItsPassword() {
    register("CS-1", SecurityProfile.BASIC, "secret-pass-0001");
    assertThat(plain("CS-1", basic("CS-1", "secret-pass-0001"))).isEmpty();
    assertThat(plain("CS-1", basic("CS-1", "wrong-pass-00001")))
        .contains("wrong password for CS-1");
    assertThat(plain("CS-1", basic("CS-2", "secret-pass-0001")))
        .get()
        .asString()
        .contains("username");
    assertThat(plain("CS-2", basic("CS-2", "secret-pass-0001"))).contains("unknown station CS-2");
    assertThat(plain("CS-1", null)).contains("no HTTP Basic credentials");
    assertThat(plain("CS-1", "Basic !!!")).contains("credentials are not base64");
    assertThat(plain("CS-1", "Bearer x")).isPresent();
  }

  @Test
  void aDisabledStationIsRefusedAndAdmittedAgainWhenEnabled() {
    register("CS-1", SecurityProfile.BASIC, "secret-pass-0001");
    registry.setEnabled("CS-1", false);
    assertThat(plain("CS-1", basic("CS-1", "secret-pass-0001"))).contains("CS-1 is disabled");
    registry.setEnabled("CS-1", true);
    assertThat(plain("CS-1", basic("CS-1", "secret-pass-0001"))).isEmpty();
  }

  @Test
  void profileTwoNeedsTlsAndThreeTheBoundCertificateWithTheCpo() {
    register("CS-2", SecurityProfile.BASIC_TLS, "secret-pass-0002");
    assertThat(plain("CS-2", basic("CS-2", "secret-pass-0002")))
        .contains("CS-2 has security profile 2: TLS");
    assertThat(tls("CS-2", basic("CS-2", "secret-pass-0002"), null)).isEmpty();

    register("CS-3", SecurityProfile.CLIENT_CERTIFICATE, null);
    var own = new StationDirectory.ClientCertificate("CS-3", "Demo CPO", SHA);
    assertThat(tls("CS-3", null, own)).isEmpty();
    assertThat(tls("CS-3", null, null)).contains("CS-3 presented no client certificate");
    assertThat(tls("CS-3", null, new StationDirectory.ClientCertificate("CS-9", "Demo CPO", SHA)))
        .get()
        .asString()
        .startsWith("client certificate CN CS-9 is not the one bound to CS-3");
    assertThat(tls("CS-3", null, new StationDirectory.ClientCertificate("CS-3", "Other", SHA)))
        .contains("client certificate O Other is not Demo CPO");
    assertThat(plain("CS-3", null)).contains("CS-3 has security profile 3: TLS");
  }

  @Test
  void aFingerprintBindingTakesThatOneCertificateOnly() {
    registry.add(
        Station.registered(
            "CS-F",
            SecurityProfile.CLIENT_CERTIFICATE,
            Optional.empty(),
            Optional.of(CertificateBinding.Fingerprint.ofHex(SHA.toUpperCase())),
            Optional.empty(),
            Optional.empty(),
            List.of(),
            "test",
            Instant.EPOCH));
    assertThat(tls("CS-F", null, new StationDirectory.ClientCertificate("any", "Demo CPO", SHA)))
        .isEmpty();
    assertThat(
            tls(
                "CS-F",
                null,
                new StationDirectory.ClientCertificate("CS-F", "Demo CPO", "cd".repeat(32))))
        .isPresent();
  }

  @Test
  void aPendingPasswordWorksBesideTheOldAndReplacesItOnceUsed() {
    register("CS-1", SecurityProfile.BASIC, "old-password-0001");
    registry.stagePassword("CS-1", PasswordHash.of("new-password-0001"));
    assertThat(plain("CS-1", basic("CS-1", "old-password-0001"))).isEmpty();
    assertThat(registry.find("CS-1").orElseThrow().pendingPasswordHash()).isPresent();
    assertThat(plain("CS-1", basic("CS-1", "new-password-0001"))).isEmpty();
    // the station has the new one: the old one is no more
    assertThat(registry.find("CS-1").orElseThrow().pendingPasswordHash()).isEmpty();
    assertThat(plain("CS-1", basic("CS-1", "old-password-0001")))
        .contains("wrong password for CS-1");
  }

  @Test
  void anUpgradeCompletesAtTheFirstConnectionAtTheNewProfileAndTheWeakerOneIsRefusedAfter() {
    register("CS-1", SecurityProfile.BASIC, "secret-pass-0001");
    registry.stageUpgrade("CS-1", SecurityProfile.BASIC_TLS, Optional.empty());
    // before the station moved, its old connection still works (its fallback, A05)
    assertThat(plain("CS-1", basic("CS-1", "secret-pass-0001"))).isEmpty();
    assertThat(registry.find("CS-1").orElseThrow().profile()).isEqualTo(SecurityProfile.BASIC);
    assertThat(tls("CS-1", basic("CS-1", "secret-pass-0001"), null)).isEmpty();
    Station after = registry.find("CS-1").orElseThrow();
    assertThat(after.profile()).isEqualTo(SecurityProfile.BASIC_TLS);
    assertThat(after.targetProfile()).isEmpty();
    assertThat(plain("CS-1", basic("CS-1", "secret-pass-0001")))
        .contains("CS-1 has security profile 2: TLS");
  }

  @Test
  void anOcpp16StationMaySendItsHexAuthorizationKeyAsRawBytes() {
    String key = "0123456789abcdef0123456789abcdef01234567"; // 40 hex digits: 20 bytes
    register("CS-16", SecurityProfile.BASIC, key);
    byte[] user = "CS-16:".getBytes(StandardCharsets.US_ASCII);
    byte[] raw = HexFormat.of().parseHex(key);
    byte[] both = new byte[user.length + raw.length];
    System.arraycopy(user, 0, both, 0, user.length);
    System.arraycopy(raw, 0, both, user.length, raw.length);
    String header = "Basic " + Base64.getEncoder().encodeToString(both);
    assertThat(plain("CS-16", header)).isEmpty();
    assertThat(plain("CS-16", basic("CS-16", key))).isEmpty();
  }

  @Test
  void everyRefusalThatSawAPasswordCostsOnePbkdf2() {
    AtomicInteger derived = new AtomicInteger();
    var counted =
        new StationDirectory(
            registry,
            registry,
            "Demo CPO",
            (password, hash) -> {
              derived.incrementAndGet();
              return PasswordHash.matches(password, hash);
            });
    register("CS-1", SecurityProfile.BASIC, "secret-pass-0001");
    register("CS-2", SecurityProfile.BASIC_TLS, "secret-pass-0002");
    register("CS-3", SecurityProfile.CLIENT_CERTIFICATE, null);
    register("CS-OFF", SecurityProfile.BASIC, "secret-pass-0004");
    registry.setEnabled("CS-OFF", false);
    register("CS-UP", SecurityProfile.BASIC, "secret-pass-0005");
    registry.stageUpgrade("CS-UP", SecurityProfile.BASIC_TLS, Optional.empty());
    var plainOffer =
        (java.util.function.Function<String, StationDirectory.Offer>)
            header -> new StationDirectory.Offer(false, header, Optional.empty());
    record Case(String station, StationDirectory.Offer offer, String reason) {}
    var refusals =
        List.of(
            new Case("CS-1", plainOffer.apply(basic("CS-1", "wrong-pass-00001")), "wrong password"),
            new Case("CS-9", plainOffer.apply(basic("CS-9", "secret-pass-0001")), "unknown"),
            new Case("CS-OFF", plainOffer.apply(basic("CS-OFF", "secret-pass-0004")), "disabled"),
            new Case("CS-1", plainOffer.apply(basic("CS-2", "secret-pass-0001")), "username"),
            new Case("CS-2", plainOffer.apply(basic("CS-2", "secret-pass-0002")), "TLS"),
            // refused at the target profile (no TLS), then compared at the current one: once
            new Case("CS-UP", plainOffer.apply(basic("CS-UP", "wrong-pass-00005")), "wrong"),
            // compared at the target profile (TLS given) and at the current one: one derivation
            new Case(
                "CS-UP",
                new StationDirectory.Offer(
                    true, basic("CS-UP", "wrong-pass-00005"), Optional.empty()),
                "wrong"),
            new Case("CS-3", plainOffer.apply(basic("CS-3", "any-password-001")), "TLS"),
            new Case(
                "CS-3",
                new StationDirectory.Offer(
                    true, basic("CS-3", "any-password-001"), Optional.empty()),
                "no client certificate"));
    for (Case c : refusals) {
      derived.set(0);
      assertThat(counted.admit(c.station(), c.offer()))
          .get()
          .extracting(StationDirectory.Refusal::reason)
          .asString()
          .contains(c.reason());
      assertThat(derived).as(c.reason()).hasValue(1);
    }
    // without a password there is nothing to hash; an admitted station costs its one comparison
    derived.set(0);
    assertThat(counted.admit("CS-9", plainOffer.apply(null))).isPresent();
    assertThat(counted.admit("CS-OFF", plainOffer.apply("Basic !!!"))).isPresent();
    assertThat(derived).hasValue(0);
    assertThat(counted.admit("CS-1", plainOffer.apply(basic("CS-1", "secret-pass-0001"))))
        .isEmpty();
    assertThat(derived).hasValue(1);
  }

  @Test
  void hashesAreSaltedAndNeverThePassword() {
    String a = PasswordHash.of("secret-pass");
    String b = PasswordHash.of("secret-pass");
    assertThat(a).isNotEqualTo(b).doesNotContain("secret-pass").startsWith("pbkdf2-sha256:");
    assertThat(PasswordHash.matches("secret-pass", a)).isTrue();
    assertThat(PasswordHash.matches("secret-pass", "md5:whatever")).isFalse();
  }
}
