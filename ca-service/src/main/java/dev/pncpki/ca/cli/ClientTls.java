package dev.pncpki.ca.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Mutual TLS for the CLI, as production requires: the admin's client certificate and key from a
 * PKCS#12 file, and optionally a PKCS#12 trust store for the service's certificate (otherwise the
 * JDK's default trust).
 */
final class ClientTls {
  private ClientTls() {}

  static SSLContext context(
      String keyStore, char[] keyStorePassword, String trustStore, char[] trustStorePassword) {
    try {
      KeyManagerFactory keys = null;
      if (keyStore != null) {
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(keyStore, keyStorePassword), keyStorePassword);
      }
      TrustManagerFactory trust = null;
      if (trustStore != null) {
        trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(trustStore, trustStorePassword));
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          keys == null ? null : keys.getKeyManagers(),
          trust == null ? null : trust.getTrustManagers(),
          null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new CliFailure("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static KeyStore load(String file, char[] password) throws GeneralSecurityException {
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      return store;
    } catch (IOException e) {
      throw new CliFailure("cannot read " + file + " (wrong password?): " + e.getMessage(), e);
    }
  }
}
