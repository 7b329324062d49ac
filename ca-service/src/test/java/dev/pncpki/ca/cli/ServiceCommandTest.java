package dev.pncpki.ca.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import org.junit.jupiter.api.Test;

/** Where the URL and token come from, and what a bad one looks like; no server needed. */
class ServiceCommandTest {

  private static Namespace args(String url, String token) {
    Map<String, Object> values = new HashMap<>();
    values.put("url", url);
    values.put("token", token);
    values.put("json", false);
    return new Namespace(values);
  }

  @Test
  void optionsWinOverTheEnvironmentWhichWinsOverTheDefault() {
    Map<String, String> env = Map.of("PNC_URL", "https://ca.example:8443", "PNC_TOKEN", "t");
    assertThat(ServiceCommand.connect(args("http://other", null), env::get).hasToken()).isTrue();
    assertThat(ServiceCommand.connect(args(null, null), k -> null).hasToken()).isFalse();
    assertThat(ServiceCommand.connect(args(null, " "), k -> null).hasToken()).isFalse();
  }

  @Test
  void aUrlWithoutSchemeOrWithCredentialsIsRefused() {
    assertThatThrownBy(() -> ServiceCommand.connect(args("localhost:8080", null), k -> null))
        .isInstanceOf(CliFailure.class)
        .hasMessageStartingWith("--url must be http(s)://");
    assertThatThrownBy(() -> ServiceCommand.connect(args("http://u:p@host", null), k -> null))
        .isInstanceOf(CliFailure.class);
    assertThatThrownBy(() -> ServiceCommand.connect(args("http://bad host", null), k -> null))
        .isInstanceOf(CliFailure.class)
        .hasMessageStartingWith("--url is not a URL");
  }

  @Test
  void verbsThatNeedATokenSayHowToGiveOne() {
    var show = new ShowCommand();
    Namespace ns = args("http://127.0.0.1:1", null);
    assertThatThrownBy(() -> show.run(ns, k -> null, System.out))
        .isInstanceOf(CliFailure.class)
        .hasMessage("no credential: pass --client-keystore, or set PNC_TOKEN or pass --token");
  }

  @Test
  void unexpectedExceptionsAlsoGiveOneLine() {
    assertThat(CliFailure.lineFor(new IllegalStateException("a\nb")))
        .isEqualTo("error: IllegalStateException: a b");
    assertThat(CliFailure.lineFor(new NullPointerException()))
        .isEqualTo("error: NullPointerException");
  }
}
