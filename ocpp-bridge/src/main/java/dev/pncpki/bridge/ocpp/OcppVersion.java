package dev.pncpki.bridge.ocpp;

import java.util.Optional;

/**
 * The OCPP versions the bridge speaks, by their WebSocket subprotocol (OCPP-J 1.6 section 3.1.2;
 * OCPP 2.0.1 and 2.1 Part 4 section 3.1.2) and the folder of their JSON schemas. OCPP 2.1 keeps the
 * 2.0.1 messages (with optional fields added and longer limits) and adds its own.
 */
public enum OcppVersion {
  OCPP16("ocpp1.6", "v16"),
  OCPP201("ocpp2.0.1", "v201"),
  OCPP21("ocpp2.1", "v21");

  private final String subprotocol;
  private final String schemaFolder;

  OcppVersion(String subprotocol, String schemaFolder) {
    this.subprotocol = subprotocol;
    this.schemaFolder = schemaFolder;
  }

  public String subprotocol() {
    return subprotocol;
  }

  public String schemaFolder() {
    return schemaFolder;
  }

  /**
   * Whether the certificate messages (SignCertificate, CertificateSigned, InstallCertificate, ...)
   * are the 2.0.1 family's, with certificateType and statusInfo, rather than 1.6's.
   */
  public boolean since201() {
    return this != OCPP16;
  }

  /** The schema file of an action's request: 1.6 "Action.json", 2.0.1 "ActionRequest.json". */
  public String requestSchema(String action) {
    return this == OCPP16 ? action + ".json" : action + "Request.json";
  }

  public String responseSchema(String action) {
    return action + "Response.json";
  }

  public static Optional<OcppVersion> ofSubprotocol(String subprotocol) {
    for (OcppVersion v : values()) {
      if (v.subprotocol.equals(subprotocol)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
