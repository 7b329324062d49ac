package dev.pncpki.bridge.logs;

import java.util.List;
import java.util.Optional;

/** Where log requests and uploaded logs are kept (the bridge's database, shared by instances). */
public interface LogStore {
  /** A new OCPP requestId, unique across the bridge's instances. */
  int nextRequestId();

  /** Records a request before its GetLog is sent. */
  void create(
      int requestId,
      String stationId,
      LogType type,
      String remoteLocation,
      Optional<String> uploadToken,
      String requestedBy);

  void delivered(int requestId, long deliveryId);

  /** The station's answer to GetLog. */
  void answered(int requestId, String status, Optional<String> filename);

  /** A LogStatusNotification of the station; false if it names no request of the station's. */
  boolean reported(String stationId, int requestId, String status);

  /** What became of a file uploaded to the bridge's own upload URL. */
  enum Upload {
    KEPT,
    /** The token names no request that is still waiting for its file. */
    NO_SUCH_UPLOAD,
    /** The token's request has its file already; the first one stays. */
    ALREADY_UPLOADED
  }

  /**
   * Keeps the file uploaded to the bridge's own upload URL, if the token's request is still waiting
   * for it: once, the first upload wins (also when two arrive at once).
   */
  Upload uploaded(String token, byte[] content, String contentType);

  Optional<LogRequest> find(int requestId);

  List<LogRequest> forStation(String stationId, int limit);

  /** The uploaded file, if there is one. */
  Optional<byte[]> content(int requestId);
}
