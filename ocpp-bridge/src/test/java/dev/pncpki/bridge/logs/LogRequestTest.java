package dev.pncpki.bridge.logs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogRequestTest {
  @Test
  void anUploadUrlIsShownWithoutItsUserAndPassword() {
    assertThat(LogRequest.withoutCredentials("ftp://ops:s3cret@logs.example/in/"))
        .isEqualTo("ftp://***@logs.example/in/");
    assertThat(LogRequest.withoutCredentials("https://token@logs.example/up?x=a@b"))
        .isEqualTo("https://***@logs.example/up?x=a@b");
    assertThat(LogRequest.withoutCredentials("https://logs.example/up?mail=a@b"))
        .isEqualTo("https://logs.example/up?mail=a@b");
    assertThat(LogRequest.withoutCredentials("http://bridge:8080/log-uploads/abc"))
        .isEqualTo("http://bridge:8080/log-uploads/abc");
  }
}
