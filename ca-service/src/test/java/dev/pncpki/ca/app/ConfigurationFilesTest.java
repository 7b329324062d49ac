package dev.pncpki.ca.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pncpki.ca.keys.config.SoftwareKeyBackendFactory;
import dev.pncpki.ca.keys.config.VaultKeyBackendFactory;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import org.junit.jupiter.api.Test;

/** The shipped configuration files parse and say what the docs say they say. */
class ConfigurationFilesTest {

  private static CaConfiguration load(String file) throws Exception {
    var factory =
        new YamlConfigurationFactory<>(
            CaConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");
    return factory.build(
        new SubstitutingSourceProvider(
            new FileConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)),
        file);
  }

  @Test
  void productionUsesVaultMutualTlsAndJsonLogs() throws Exception {
    CaConfiguration config = load("config/production.yml");
    assertThat(config.keys()).isInstanceOf(VaultKeyBackendFactory.class);
    assertThat(config.apiTokens()).isEmpty();
    assertThat(config.clientCertificates())
        .extracting(c -> c.roles().get(0))
        .containsExactly("admin", "bridge", "oem:example-cars", "mo:example-mobility");
    assertThat(config.contracts().revocationCheck())
        .isEqualTo(dev.pncpki.ca.contract.ContractSettings.RevocationCheckMode.REQUIRE);
    var server = (io.dropwizard.core.server.DefaultServerFactory) config.getServerFactory();
    var requestLog =
        (io.dropwizard.request.logging.LogbackAccessRequestLogFactory)
            server.getRequestLogFactory();
    assertThat(requestLog.getAppenders().get(0))
        .extracting("layout")
        .extracting(Object::getClass)
        .asString()
        .contains("Json");
    assertThat(config.database().url()).isEqualTo("${PNC_DATABASE_URL}");
    assertThat(config.publicUrl()).contains("${PNC_PUBLIC_URL}");
    var logging = (DefaultLoggingFactory) config.getLoggingFactory();
    assertThat(logging.getAppenders().get(0))
        .extracting("layout")
        .extracting(Object::getClass)
        .asString()
        .contains("Json");
  }

  @Test
  void embeddedDefaultUsesSoftwareKeysAndEmbeddedPostgres() throws Exception {
    CaConfiguration config = load("config/embedded.yml");
    assertThat(config.keys()).isInstanceOf(SoftwareKeyBackendFactory.class);
    assertThat(config.database().embeddedDirectory()).isEqualTo("data/postgres");
    assertThat(config.hierarchy().ceremonyOnStart()).isTrue();
    // PNC_PUBLIC_URL unset: the address served, PNC_HTTP_PORT included
    assertThat(PublicUrls.of(config)).hasToString("http://127.0.0.1:8080");
    assertThat(config.apiTokens())
        .extracting(t -> t.name())
        .containsExactly("embedded-admin", "embedded-bridge", "embedded-oem", "embedded-mo");
    assertThat(config.contracts().hierarchyOemRootsFor()).isEqualTo("oem:demo-oem");
    assertThat(config.contracts().tenants())
        .extracting(t -> t.role())
        .containsExactly("mo:demo-mo", "oem:demo-oem");
  }
}
