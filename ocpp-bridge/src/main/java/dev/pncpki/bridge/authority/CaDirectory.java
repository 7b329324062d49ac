package dev.pncpki.bridge.authority;

import java.io.IOException;
import java.util.List;

/** The CAs of the hierarchy, as the CA lists them now. */
public interface CaDirectory {
  /**
   * @throws IOException if the CA cannot be reached or its list cannot be read
   */
  List<Authority> authorities() throws IOException, InterruptedException;
}
