package dev.pncpki.ca.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoleTest {

  @Test
  void theFourKindsOfRoleParseAndWriteBackTheSame() {
    assertThat(Role.parse("admin")).isEqualTo(Role.ADMIN);
    assertThat(Role.parse(" bridge ")).isEqualTo(Role.BRIDGE);
    assertThat(Role.parse("oem:acme")).isEqualTo(new Role.Oem("acme"));
    assertThat(Role.parse("mo:mo-x")).isEqualTo(new Role.Mo("mo-x"));
    for (String wire : List.of("admin", "bridge", "oem:acme", "mo:mo-x")) {
      assertThat(Role.parse(wire).wire()).isEqualTo(wire);
    }
  }

  @Test
  void anythingElseIsRefusedSoThatAMistypedRoleStopsTheService() {
    for (String bad : List.of("Admin", "oem:", "mo:-x", "cpo:acme", "oem:a b", "", "root")) {
      assertThatThrownBy(() -> Role.parse(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("none of admin, bridge");
    }
    assertThatThrownBy(() -> new ApiToken("t", "00", List.of("admin", "superuser"), null))
        .hasMessageContaining("superuser");
  }

  @Test
  void aCallerHasTheRolesItsCredentialNames() {
    var token = new ApiToken("t", "00", List.of("oem:acme", "mo:acme-mo"), null);
    var caller = new Caller("t", token.parsedRoles(), java.util.Optional.empty());
    assertThat(caller.has(new Role.Oem("acme"))).isTrue();
    assertThat(caller.has(new Role.Mo("acme-mo"))).isTrue();
    assertThat(caller.isAdmin()).isFalse();
    assertThat(caller.isBridge()).isFalse();
  }
}
