package dev.pncpki.ca.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pncpki.ca.auth.ApiToken;
import dev.pncpki.ca.auth.ClientCertificate;
import dev.pncpki.ca.keys.config.KeyBackendFactory;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * ca-service configuration: Dropwizard's server section, the key backend, the hierarchy, the
 * database, API tokens and the request body limit.
 */
public class CaConfiguration extends Configuration {

  @Valid @NotNull @JsonProperty private KeyBackendFactory keys;

  @Valid @NotNull @JsonProperty private HierarchySettings hierarchy;

  @JsonProperty private DatabaseSettings database;

  @JsonProperty private List<ApiToken> apiTokens = List.of();

  @JsonProperty private List<ClientCertificate> clientCertificates = List.of();

  @JsonProperty private int maxRequestBytes = 64 * 1024;

  /**
   * Where relying parties reach this CA's OCSP responder and CRLs; baked into every certificate.
   * Unset or empty: the address the CA serves (see {@link PublicUrls}).
   */
  @JsonProperty private String publicUrl;

  /**
   * Where the operator keeps the ISO 15118-2 schemas (V2G_CI_MsgDef.xsd and the files it imports;
   * xmldsig-core-schema.xsd beside them or one folder up). Without it, certificate installation
   * through the charger is off.
   */
  @JsonProperty private String iso15118SchemaDirectory;

  /**
   * The mobility operator ({@code mo:<name>}, a configured tenant) in whose name a contract is
   * issued when a vehicle asks for one and none exists yet; absent: only contracts the operators
   * made are delivered.
   */
  @JsonProperty private String iso15118ContractsFrom;

  /** The ISO 15118-20 schemas (V2G_CI_CommonMessages.xsd and the files it imports); optional. */
  @JsonProperty private String iso15118_20SchemaDirectory;

  @JsonProperty
  private dev.pncpki.ca.contract.ContractSettings contracts =
      dev.pncpki.ca.contract.ContractSettings.defaults();

  /** Audit anchoring; see {@link AuditSettings}. */
  @JsonProperty private AuditSettings audit = AuditSettings.defaults();

  public AuditSettings audit() {
    return audit;
  }

  public KeyBackendFactory keys() {
    return keys;
  }

  public HierarchySettings hierarchy() {
    return hierarchy;
  }

  public DatabaseSettings database() {
    return database;
  }

  public List<ApiToken> apiTokens() {
    return apiTokens;
  }

  public List<ClientCertificate> clientCertificates() {
    return clientCertificates;
  }

  public dev.pncpki.ca.contract.ContractSettings contracts() {
    return contracts;
  }

  public java.util.Optional<String> iso15118SchemaDirectory() {
    return java.util.Optional.ofNullable(iso15118SchemaDirectory).filter(s -> !s.isBlank());
  }

  public java.util.Optional<String> iso15118_20SchemaDirectory() {
    return java.util.Optional.ofNullable(iso15118_20SchemaDirectory).filter(s -> !s.isBlank());
  }

  public java.util.Optional<String> iso15118ContractsFrom() {
    return java.util.Optional.ofNullable(iso15118ContractsFrom).filter(s -> !s.isBlank());
  }

  public java.util.Optional<String> publicUrl() {
    return java.util.Optional.ofNullable(publicUrl).filter(s -> !s.isBlank());
  }

  public int maxRequestBytes() {
    return maxRequestBytes;
  }
}
