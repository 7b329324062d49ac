package dev.pncpki.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordFileTest {
  @TempDir Path dir;

  private static Namespace with(String file) {
    Map<String, Object> values = new HashMap<>();
    values.put("password_file", file);
    return new Namespace(values);
  }

  private static ByteArrayInputStream stdin(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theFirstLineOfTheFileOrOfStandardInputIsThePassword() throws Exception {
    Path file = Files.writeString(dir.resolve("pw"), "a-long-password-01\nignored\n");
    assertThat(PasswordFile.read(with(file.toString()), stdin(""))).contains("a-long-password-01");
    assertThat(PasswordFile.read(with("-"), stdin("from-standard-input-1\n")))
        .contains("from-standard-input-1");
    assertThat(PasswordFile.read(with(null), stdin("unused"))).isEmpty();
  }

  @Test
  void aFileThatCannotBeReadIsACliFailureNamingIt() {
    assertThatThrownBy(() -> PasswordFile.read(with("/no/such/file"), stdin("")))
        .isInstanceOf(AdminClient.CliFailure.class)
        .hasMessageContaining("cannot read the password file /no/such/file");
  }
}
