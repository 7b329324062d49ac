package dev.pncpki.ca.app;

import dev.pncpki.ca.audit.AuditLog;
import dev.pncpki.ca.contract.ContractModule;
import dev.pncpki.ca.installation.Iso15118Service;
import dev.pncpki.ca.installation.NewContracts;
import dev.pncpki.ca.issuance.Hierarchy;
import dev.pncpki.ca.keys.KeyBackend;
import dev.pncpki.contract.exi.V2gExi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** Certificate installation, from the operator's directories of ISO 15118 schemas. */
final class Iso15118Wiring {
  private Iso15118Wiring() {}

  /** The service, or none when no schemas are configured. */
  static Optional<Iso15118Service> service(
      CaConfiguration config,
      ContractModule contracts,
      Hierarchy hierarchy,
      KeyBackend keys,
      AuditLog audit,
      Clock clock) {
    Optional<V2gExi> iso2 =
        config
            .iso15118SchemaDirectory()
            .map(dir -> exi(dir, "V2G_CI_MsgDef.xsd", "iso15118SchemaDirectory"));
    Optional<V2gExi> iso20 =
        config
            .iso15118_20SchemaDirectory()
            .map(dir -> exi(dir, "V2G_CI_CommonMessages.xsd", "iso15118_20SchemaDirectory"));
    if (iso2.isEmpty() && iso20.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        Iso15118Service.create(
            iso2,
            iso20,
            contracts.provisioning(),
            config.iso15118ContractsFrom().map(mo -> new NewContracts(contracts.contracts(), mo)),
            contracts.store(),
            hierarchy,
            keys,
            audit,
            clock));
  }

  /** Grammars from {@code root}; xmldsig-core-schema.xsd beside it or one folder up. */
  private static V2gExi exi(String directory, String root, String setting) {
    Path dir = Path.of(directory).toAbsolutePath();
    Path schema = dir.resolve(root);
    Path xmldsig =
        Files.exists(dir.resolve("xmldsig-core-schema.xsd"))
            ? dir.resolve("xmldsig-core-schema.xsd")
            : dir.resolveSibling("xmldsig-core-schema.xsd");
    if (!Files.isReadable(schema) || !Files.isReadable(xmldsig)) {
      throw new IllegalArgumentException(
          setting
              + " "
              + dir
              + " needs "
              + root
              + " (and the schemas it imports) and xmldsig-core-schema.xsd there or one folder up");
    }
    return new V2gExi(schema.toString(), xmldsig.toString());
  }
}
