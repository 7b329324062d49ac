package dev.pncpki.ca.app;

import dev.pncpki.ca.audit.AuditLog;
import dev.pncpki.ca.contract.ProvisioningPool;
import dev.pncpki.ca.installation.Installations;
import dev.pncpki.ca.issuance.Hierarchy;
import dev.pncpki.ca.keys.KeyBackend;
import dev.pncpki.contract.exi.V2gExi;
import dev.pncpki.contract.installation.CertificateMessages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** Certificate installation, from the operator's directory of ISO 15118-2 schemas. */
final class Iso15118Wiring {
  private Iso15118Wiring() {}

  static Installations installations(
      String directory,
      ProvisioningPool pool,
      java.util.Optional<dev.pncpki.ca.installation.NewContracts> newContracts,
      Jdbi jdbi,
      Hierarchy hierarchy,
      KeyBackend keys,
      AuditLog audit,
      Clock clock) {
    Path dir = Path.of(directory).toAbsolutePath();
    Path msgDef = dir.resolve("V2G_CI_MsgDef.xsd");
    Path xmldsig =
        Files.exists(dir.resolve("xmldsig-core-schema.xsd"))
            ? dir.resolve("xmldsig-core-schema.xsd")
            : dir.resolveSibling("xmldsig-core-schema.xsd");
    if (!Files.isReadable(msgDef) || !Files.isReadable(xmldsig)) {
      throw new IllegalArgumentException(
          "iso15118SchemaDirectory "
              + dir
              + " needs V2G_CI_MsgDef.xsd (and the schemas it"
              + " imports) and xmldsig-core-schema.xsd there or one folder up");
    }
    var messages = new CertificateMessages(new V2gExi(msgDef.toString(), xmldsig.toString()));
    return new Installations(messages, pool, newContracts, jdbi, hierarchy, keys, audit, clock);
  }
}
