package dev.pncpki.ca.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import java.net.BindException;
import org.junit.jupiter.api.Test;

class ServeCommandTest {
  @Test
  void anUnsetVariableIsOneLineNamingIt() {
    var substitutor = new EnvironmentVariableSubstitutor(true);
    Throwable unset = null;
    try {
      substitutor.replace("url: ${PNC_SURELY_NOT_SET_42}");
    } catch (RuntimeException e) {
      unset = e;
    }
    assertThat(ServeCommand.line(unset))
        .hasValueSatisfying(
            l -> assertThat(l).contains("PNC_SURELY_NOT_SET_42").doesNotContain("\n"));
    // with a default it is no error at all
    assertThat(substitutor.replace("url: ${PNC_SURELY_NOT_SET_42:-x}")).isEqualTo("url: x");
  }

  @Test
  void refusalsAndBusyPortsAreOneLineOtherFailuresKeepTheirTrace() {
    assertThat(ServeCommand.line(new StartupRefusal("set publicUrl: why")))
        .contains("set publicUrl: why");
    assertThat(
            ServeCommand.line(
                new IllegalStateException("jetty", new BindException("Address already in use"))))
        .contains("a port of the configuration is in use: Address already in use");
    assertThat(ServeCommand.line(new NullPointerException("a bug"))).isEmpty();
  }
}
