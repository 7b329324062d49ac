package dev.pncpki.ca.issuance;

import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The cross-certificates by which chains under one root also reach another: a request for a
 * certificate under a root this CA holds no chain under may be served from a chain under a root
 * that root cross-certified, with the cross-certificate added to the chain.
 */
public interface CrossPaths {
  /** A cross-certificate from {@code root} onto the root whose fingerprint is {@code toRoot}. */
  record Via(
      String toRootSha256, X509CertificateHolder crossCertificate, X509CertificateHolder root) {}

  /** The cross-certificates issued by the root with SHA-256 fingerprint {@code rootSha256}. */
  List<Via> from(String rootSha256);

  CrossPaths NONE = rootSha256 -> List.of();
}
