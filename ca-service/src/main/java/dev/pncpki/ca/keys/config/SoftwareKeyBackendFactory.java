package dev.pncpki.ca.keys.config;

import dev.pncpki.ca.keys.KeyBackend;
import dev.pncpki.ca.keys.software.SoftwareKeyBackend;
import java.nio.file.Path;

/** {@code type: software}: PKCS#12 files in {@code directory}, encrypted with {@code password}. */
public record SoftwareKeyBackendFactory(String directory, String password)
    implements KeyBackendFactory {

  @Override
  public KeyBackend build() {
    if (directory == null || password == null || password.isEmpty()) {
      throw new IllegalArgumentException("keys: software backend needs directory and password");
    }
    return new SoftwareKeyBackend(Path.of(directory), password.toCharArray());
  }

  @Override
  public String describe() {
    return "software keystore in " + directory + " (NOT for production: keys are in files)";
  }

  @Override
  public String toString() {
    return "SoftwareKeyBackendFactory[directory=" + directory + ", password=***]";
  }
}
