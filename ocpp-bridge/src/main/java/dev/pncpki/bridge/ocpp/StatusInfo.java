package dev.pncpki.bridge.ocpp;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OCPP 2.0.1 {@code StatusInfoType} on an answer: a reason code and the detail, cut to the 512
 * characters {@code additionalInfo} may hold.
 */
public final class StatusInfo {
  private static final int MAX_ADDITIONAL_INFO = 512;

  private StatusInfo() {}

  /** Adds {@code statusInfo} to {@code answer} and returns the answer. */
  public static ObjectNode add(ObjectNode answer, String reasonCode, String detail) {
    String info =
        detail.length() > MAX_ADDITIONAL_INFO ? detail.substring(0, MAX_ADDITIONAL_INFO) : detail;
    answer.putObject("statusInfo").put("reasonCode", reasonCode).put("additionalInfo", info);
    return answer;
  }
}
