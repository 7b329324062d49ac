package dev.pncpki.bridge.logs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A log an admin asked a station for, and how far it got: {@code Requested} until the station
 * answers GetLog (Accepted, Rejected, AcceptedCanceled), then what it reports with
 * LogStatusNotification (Uploading, Uploaded, UploadFailure, BadMessage, NotSupportedOperation,
 * PermissionDenied), every step kept in {@code history}.
 */
public record LogRequest(
    int requestId,
    String stationId,
    LogType type,
    String remoteLocation,
    Optional<Long> deliveryId,
    String status,
    Optional<String> filename,
    List<Step> history,
    Optional<Upload> upload,
    String requestedBy,
    Instant createdAt,
    Instant updatedAt) {

  public LogRequest {
    history = List.copyOf(history);
  }

  /** One status and when it was reported. */
  public record Step(String status, Instant at) {}

  /** The file the station uploaded to the bridge. */
  public record Upload(long size, String contentType, Instant at) {}

  /**
   * {@code location} without the user and password a URL may carry ({@code ftp://user:pass@host/}
   * becomes {@code ftp://***@host/}): shown back to every admin, it must not hand out the upload
   * server's credentials.
   */
  public static String withoutCredentials(String location) {
    return location == null ? null : USER_INFO.matcher(location).replaceFirst("$1***@");
  }

  private static final java.util.regex.Pattern USER_INFO =
      java.util.regex.Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@?#]*@");

  /** Whether nothing more will come: the file arrived, or the station refused or failed. */
  public boolean finished() {
    return switch (status) {
      // AcceptedCanceled (2.0.1 N01): accepted, and an earlier upload cancelled for it
      case "Requested", "Accepted", "AcceptedCanceled", "Uploading" -> false;
      default -> true;
    };
  }
}
