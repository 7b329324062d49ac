package dev.pncpki.ca.app;

import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link RunningCa} for tests of HTTP clients in other packages (the admin CLI): software keys,
 * embedded PostgreSQL and the demo hierarchy, started in-process.
 */
public final class EmbeddedCaForClients implements AutoCloseable {
  public static final String ADMIN_TOKEN = RunningCa.ADMIN;
  public static final String BRIDGE_TOKEN = RunningCa.BRIDGE;

  /** The OEM tenant oem-a (WMIs WMA, WMZ, WMR, WMD). */
  public static final String OEM_A_TOKEN = RunningCa.OEM_A;

  /** The mobility operator mo-x (provider ID DEPNC). */
  public static final String MO_X_TOKEN = RunningCa.MO_X;

  private final RunningCa ca;

  public EmbeddedCaForClients(Path dir) throws Exception {
    ca = RunningCa.withSoftwareKeys(dir);
  }

  public String url() {
    return "http://127.0.0.1:" + ca.port();
  }

  /** The database, for tests that play an attacker editing it behind the service's back. */
  public Jdbi jdbi() {
    return ca.jdbi();
  }

  @Override
  public void close() {
    ca.close();
  }
}
