package dev.pncpki.bridge.proxy;

/** The station's side of a proxied connection, as its connection to the CSMS sees it. */
public interface Downstream {
  /** Sends a frame to the station, unchanged. */
  void send(String text);

  /** Closes the station's connection (RFC 6455 status code and reason). */
  void close(int status, String reason);
}
