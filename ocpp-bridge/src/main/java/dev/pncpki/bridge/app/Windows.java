package dev.pncpki.bridge.app;

import dev.pncpki.bridge.login.FloodLog;
import io.dropwizard.lifecycle.Managed;

/** The security-event windows run while the server does; the last is recorded at the stop. */
record Windows(FloodLog floods) implements Managed {
  @Override
  public void start() {
    floods.start();
  }

  @Override
  public void stop() {
    floods.close();
  }
}
