package dev.pncpki.runtime.startup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pncpki.runtime.postgres.DataDirectoryInUseException;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import java.net.BindException;
import java.util.List;
import org.junit.jupiter.api.Test;

class OneLineServerCommandTest {
  /** A service's own refusal, as the CA and the bridge have one each. */
  static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refusal(String message) {
      super(message);
    }
  }

  private static final List<Class<? extends RuntimeException>> REFUSALS = List.of(Refusal.class);

  @Test
  void anUnsetVariableIsOneLineNamingIt() {
    var substitutor = new EnvironmentVariableSubstitutor(true);
    Throwable unset = null;
    try {
      substitutor.replace("url: ${PNC_SURELY_NOT_SET_42}");
    } catch (RuntimeException e) {
      unset = e;
    }
    assertThat(OneLineServerCommand.line(unset, REFUSALS))
        .hasValueSatisfying(
            l -> assertThat(l).contains("PNC_SURELY_NOT_SET_42").doesNotContain("\n"));
    // with a default it is no error at all
    assertThat(substitutor.replace("url: ${PNC_SURELY_NOT_SET_42:-x}")).isEqualTo("url: x");
  }

  @Test
  void refusalsAndBusyPortsAreOneLineOtherFailuresKeepTheirTrace() {
    assertThat(OneLineServerCommand.line(new Refusal("set publicUrl:\n  why"), REFUSALS))
        .contains("set publicUrl:; why");
    assertThat(
            OneLineServerCommand.line(
                new IllegalStateException("x", new Refusal("wrapped")), REFUSALS))
        .contains("wrapped");
    assertThat(
            OneLineServerCommand.line(
                new IllegalStateException("jetty", new BindException("Address already in use")),
                REFUSALS))
        .contains("a port of the configuration is in use: Address already in use");
    assertThat(
            OneLineServerCommand.line(
                new IllegalStateException(
                    "start", new DataDirectoryInUseException("data/postgres is in use")),
                List.of()))
        .as("a second service on one embedded data directory, in both services")
        .contains("data/postgres is in use");
    assertThat(OneLineServerCommand.line(new NullPointerException("a bug"), REFUSALS)).isEmpty();
    assertThat(OneLineServerCommand.line(new Refusal("not mine"), List.of())).isEmpty();
  }
}
