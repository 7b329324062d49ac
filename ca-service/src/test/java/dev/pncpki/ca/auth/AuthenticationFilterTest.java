package dev.pncpki.ca.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which paths relying parties reach without a credential (RFC 5280 4.2.1.13, RFC 6960 A.1). */
class AuthenticationFilterTest {

  @Test
  void revocationStatusAndTheHierarchyArePublic() {
    assertThat(AuthenticationFilter.isPublic("POST", "/ocsp/cpo-sub-ca-2")).isTrue();
    assertThat(AuthenticationFilter.isPublic("GET", "ocsp/cpo-sub-ca-2/MEIw")).isTrue();
    assertThat(AuthenticationFilter.isPublic("GET", "crl/v2g-root.crl")).isTrue();
    assertThat(AuthenticationFilter.isPublic("GET", "v1/cas")).isTrue();
    assertThat(AuthenticationFilter.isPublic("GET", "/v1/cas/cpo-sub-ca-2/chain")).isTrue();
    assertThat(AuthenticationFilter.isPublic("GET", "openapi.yaml")).isTrue();
  }

  @Test
  void whatIsBelowACaAndEveryChangeNeedACredential() {
    assertThat(AuthenticationFilter.isPublic("GET", "v1/cas/cpo-sub-ca-2/affected")).isFalse();
    assertThat(AuthenticationFilter.isPublic("POST", "v1/cas/cpo-sub-ca-2/revoke")).isFalse();
    assertThat(AuthenticationFilter.isPublic("POST", "v1/cas/cpo-sub-ca-2/crl")).isFalse();
    assertThat(AuthenticationFilter.isPublic("POST", "v1/cas")).isFalse();
    assertThat(AuthenticationFilter.isPublic("GET", "v1/cas/x/chain/more")).isFalse();
    assertThat(AuthenticationFilter.isPublic("GET", "v1/certificates")).isFalse();
  }
}
