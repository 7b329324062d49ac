package dev.pncpki.ca.roots;

import dev.pncpki.ca.audit.AuditEvent;
import java.util.List;

/** Where cross-certificates are kept; each change is stored with its audit event. */
public interface CrossCertificateStore {
  List<CrossCertificate> all();

  /** Adds one; false (nothing stored) if it is there already. */
  boolean add(CrossCertificate cross, AuditEvent event);

  /** Removes one; false if there is none with that fingerprint. */
  boolean remove(String sha256, AuditEvent event);
}
