package dev.pncpki.bridge.station;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class StationDirectoryTest {
  private final StationDirectory stations =
      new StationDirectory(
          List.of(new Station("CS-1", null, PasswordHash.of("secret-pass"), null)), "Demo CPO");

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void acceptsTheStationWithItsPassword() {
    assertThat(stations.checkBasic("CS-1", basic("CS-1", "secret-pass"))).isEmpty();
  }

  @Test
  void refusesEverythingElseWithAReason() {
    assertThat(stations.checkBasic("CS-1", basic("CS-1", "wrong"))).isPresent();
    assertThat(stations.checkBasic("CS-1", basic("CS-2", "secret-pass")).get().reason())
        .contains("username");
    assertThat(stations.checkBasic("CS-2", basic("CS-2", "secret-pass")).get().reason())
        .contains("unknown");
    assertThat(stations.checkBasic("CS-1", null)).isPresent();
    assertThat(stations.checkBasic("CS-1", "Basic !!!")).isPresent();
    assertThat(stations.checkBasic("CS-1", "Bearer x")).isPresent();
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
