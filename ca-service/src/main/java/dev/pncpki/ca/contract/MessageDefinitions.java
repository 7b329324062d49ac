package dev.pncpki.ca.contract;

import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.policies.profile.Suite;

/**
 * The {@code xsdMsgDefNamespace} values of the API (Open Plug&Charge names) and the suite each
 * selects: ISO 15118-2 (P-256, AES-128-CBC envelope) or ISO 15118-20 (P-521, AES-256-GCM).
 */
public final class MessageDefinitions {
  static final String ISO15118_2 = "urn:iso:15118:2:2013:MsgDef";
  static final String ISO15118_20 = "urn:iso:std:iso:15118:-20:CommonMessages";

  private MessageDefinitions() {}

  static Suite suite(String namespace) {
    if (namespace == null || namespace.equals(ISO15118_2)) {
      return Suite.ISO15118_2;
    }
    // OPCP 1.0.0 also writes the -20 namespace as urn:iso:15118:20:2022:MsgDef (its RCP API)
    if (namespace.equals(ISO15118_20) || namespace.equals("urn:iso:15118:20:2022:MsgDef")) {
      return Suite.ISO15118_20_P521;
    }
    throw new RefusedException(
        Refusal.MALFORMED_REQUEST,
        "xsdMsgDefNamespace must be " + ISO15118_2 + " or " + ISO15118_20 + ", not " + namespace);
  }

  public static String namespace(Suite suite) {
    return suite == Suite.ISO15118_2 ? ISO15118_2 : ISO15118_20;
  }
}
