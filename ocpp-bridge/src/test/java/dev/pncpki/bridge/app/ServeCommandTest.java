package dev.pncpki.bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import java.net.BindException;
import org.junit.jupiter.api.Test;

class ServeCommandTest {
  @Test
  void anUnsetVariableAMissingSettingAndABusyPortAreOneLine() {
    Throwable unset = null;
    try {
      new EnvironmentVariableSubstitutor(true).replace("schemaDirectory: ${PNC_NOT_SET_HERE_7}");
    } catch (RuntimeException e) {
      unset = e;
    }
    assertThat(ServeCommand.fixable(unset))
        .hasValueSatisfying(l -> assertThat(l).contains("PNC_NOT_SET_HERE_7").doesNotContain("\n"));
    assertThat(ServeCommand.fixable(new ConfigurationError("database: set url")))
        .contains("database: set url");
    assertThat(
            ServeCommand.fixable(
                new IllegalStateException("x", new BindException("Address already in use"))))
        .contains("a port of the configuration is in use: Address already in use");
    assertThat(ServeCommand.fixable(new NullPointerException())).isEmpty();
  }
}
