package dev.pncpki.bridge.trust;

import java.security.cert.X509Certificate;
import java.util.List;

/** The roots a contract chain may end at: every pooled MO and V2G root, and the CA's own. */
public interface ContractRoots {
  /**
   * The roots known now; empty if none could be read yet (then no contract chain validates, and
   * Authorize says the status is not available rather than that the chain is bad).
   */
  List<X509Certificate> roots();

  /** A fixed set, for tests and for a bridge configured with its roots. */
  static ContractRoots of(List<X509Certificate> roots) {
    List<X509Certificate> copy = List.copyOf(roots);
    return () -> copy;
  }
}
