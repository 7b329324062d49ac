package dev.pncpki.bridge.ocpp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads and writes OCPP-J frames. A frame that cannot be read is refused with the code OCPP-J gives
 * for it; when not even the message id can be read, the CALLERROR carries "-1" (2.0.1 Part 4
 * section 4.2.3).
 */
public final class Frames {
  /** A frame that was refused before it reached a handler. */
  public static final class BadFrame extends Exception {
    private static final long serialVersionUID = 1L;
    private final String messageId;
    private final ErrorCode code;

    BadFrame(String messageId, ErrorCode code, String description) {
      super(description);
      this.messageId = messageId;
      this.code = code;
    }

    public String messageId() {
      return messageId;
    }

    public ErrorCode code() {
      return code;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_MESSAGE_ID = 36; // 2.0.1: "maximum of 36 characters"

  private Frames() {}

  public static Frame parse(String text) throws BadFrame {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new BadFrame("-1", ErrorCode.RPC_FRAMEWORK_ERROR, "the frame is not JSON");
    }
    if (node == null || !node.isArray() || node.size() < 3) {
      throw new BadFrame("-1", ErrorCode.RPC_FRAMEWORK_ERROR, "a frame is a JSON array of 3 to 5");
    }
    JsonNode id = node.get(1);
    if (!id.isTextual() || id.asText().isEmpty() || id.asText().length() > MAX_MESSAGE_ID) {
      throw new BadFrame(
          "-1", ErrorCode.RPC_FRAMEWORK_ERROR, "the message id must be a string of 1 to 36");
    }
    String messageId = id.asText();
    JsonNode type = node.get(0);
    if (!type.isInt()) {
      throw new BadFrame(messageId, ErrorCode.RPC_FRAMEWORK_ERROR, "no message type number");
    }
    return switch (type.asInt()) {
      case 2 -> call(node, messageId);
      case 3 -> {
        if (node.size() != 3 || !node.get(2).isObject()) {
          throw new BadFrame(messageId, ErrorCode.FORMAT_VIOLATION, "a CALLRESULT has a payload");
        }
        yield new Frame.CallResult(messageId, node.get(2));
      }
      case 4 -> {
        if (node.size() < 4 || !node.get(2).isTextual()) {
          throw new BadFrame(messageId, ErrorCode.FORMAT_VIOLATION, "a CALLERROR has a code");
        }
        JsonNode details = node.size() > 4 ? node.get(4) : null;
        yield new Frame.CallError(
            messageId,
            node.get(2).asText(),
            node.get(3).asText(""),
            details instanceof ObjectNode o ? o : JSON.createObjectNode());
      }
      default ->
          throw new BadFrame(
              messageId,
              ErrorCode.MESSAGE_TYPE_NOT_SUPPORTED,
              "message type " + type.asInt() + " is not 2, 3 or 4");
    };
  }

  private static Frame call(JsonNode node, String messageId) throws BadFrame {
    if (node.size() != 4 || !node.get(2).isTextual()) {
      throw new BadFrame(
          messageId, ErrorCode.FORMAT_VIOLATION, "a CALL is [2, id, action, payload]");
    }
    if (!node.get(3).isObject()) {
      throw new BadFrame(messageId, ErrorCode.FORMAT_VIOLATION, "the payload must be an object");
    }
    return new Frame.Call(messageId, node.get(2).asText(), node.get(3));
  }

  public static String write(Frame frame) {
    ArrayNode out = JSON.createArrayNode();
    switch (frame) {
      case Frame.Call c -> out.add(2).add(c.messageId()).add(c.action()).add(c.payload());
      case Frame.CallResult r -> out.add(3).add(r.messageId()).add(r.payload());
      case Frame.CallError e ->
          out.add(4).add(e.messageId()).add(e.errorCode()).add(e.description()).add(e.details());
    }
    return out.toString();
  }

  public static Frame.CallError error(
      OcppVersion version, String messageId, ErrorCode code, String description) {
    String text = description.length() > 255 ? description.substring(0, 255) : description;
    return new Frame.CallError(messageId, code.wire(version), text, JSON.createObjectNode());
  }
}
