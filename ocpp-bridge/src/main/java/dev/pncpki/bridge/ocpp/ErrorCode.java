package dev.pncpki.bridge.ocpp;

/**
 * CALLERROR codes of OCPP-J (1.6 section 4.2.3, 2.0.1 Part 4 section 4.3). A few are spelled or
 * named differently per version; {@link #wire} gives the form the peer expects.
 */
public enum ErrorCode {
  /** The action is not known. */
  NOT_IMPLEMENTED("NotImplemented", "NotImplemented"),
  /** The action is known but not supported by this receiver. */
  NOT_SUPPORTED("NotSupported", "NotSupported"),
  INTERNAL_ERROR("InternalError", "InternalError"),
  /** The payload is incomplete / does not conform to the PDU structure. */
  PROTOCOL_ERROR("ProtocolError", "ProtocolError"),
  SECURITY_ERROR("SecurityError", "SecurityError"),
  /** The payload is syntactically incorrect (1.6 "FormationViolation"). */
  FORMAT_VIOLATION("FormationViolation", "FormatViolation"),
  /** A field holds an invalid value. */
  PROPERTY_CONSTRAINT_VIOLATION("PropertyConstraintViolation", "PropertyConstraintViolation"),
  /** A field violates its occurrence constraints (1.6 spells it "Occurence"). */
  OCCURRENCE_CONSTRAINT_VIOLATION("OccurenceConstraintViolation", "OccurrenceConstraintViolation"),
  /** A field violates its data type (including its length). */
  TYPE_CONSTRAINT_VIOLATION("TypeConstraintViolation", "TypeConstraintViolation"),
  /** 2.0.1: a message type number that is not supported (1.6 has no such code). */
  MESSAGE_TYPE_NOT_SUPPORTED("ProtocolError", "MessageTypeNotSupported"),
  /** 2.0.1: the frame is not a valid RPC message at all (1.6 has no such code). */
  RPC_FRAMEWORK_ERROR("FormationViolation", "RpcFrameworkError"),
  GENERIC_ERROR("GenericError", "GenericError");

  private final String ocpp16;
  private final String ocpp201;

  ErrorCode(String ocpp16, String ocpp201) {
    this.ocpp16 = ocpp16;
    this.ocpp201 = ocpp201;
  }

  public String wire(OcppVersion version) {
    return version == OcppVersion.OCPP16 ? ocpp16 : ocpp201;
  }
}
