package dev.pncpki.bridge.ocpp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An OCPP-J RPC frame (OCPP-J 1.6 section 4; 2.0.1 Part 4 section 4). */
public sealed interface Frame {
  String messageId();

  /** [2, "messageId", "Action", {payload}] */
  record Call(String messageId, String action, JsonNode payload) implements Frame {}

  /** [3, "messageId", {payload}] */
  record CallResult(String messageId, JsonNode payload) implements Frame {}

  /** [4, "messageId", "errorCode", "errorDescription", {errorDetails}] */
  record CallError(String messageId, String errorCode, String description, ObjectNode details)
      implements Frame {}
}
