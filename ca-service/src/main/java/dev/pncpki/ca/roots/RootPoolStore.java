package dev.pncpki.ca.roots;

import dev.pncpki.ca.audit.AuditEvent;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where the root certificate pool is kept; each change is stored with its audit event. */
public interface RootPoolStore {
  /** Every pooled root, oldest first. */
  List<PooledRoot> all();

  Optional<PooledRoot> find(UUID id);

  /** Adds a root; false (and nothing stored) if one with its fingerprint is pooled already. */
  boolean add(PooledRoot root, AuditEvent event);

  /** Removes a root; false if there is none with {@code id}. */
  boolean remove(UUID id, AuditEvent event);
}
