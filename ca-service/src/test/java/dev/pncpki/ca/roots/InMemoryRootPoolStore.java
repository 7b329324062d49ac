package dev.pncpki.ca.roots;

import dev.pncpki.ca.audit.AuditEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The root pool in memory, unique by fingerprint as the table is, with its audit events. */
public final class InMemoryRootPoolStore implements RootPoolStore {
  private final Map<UUID, PooledRoot> roots = new LinkedHashMap<>();
  private final List<AuditEvent> events = new ArrayList<>();

  @Override
  public synchronized List<PooledRoot> all() {
    return List.copyOf(roots.values());
  }

  @Override
  public synchronized Optional<PooledRoot> find(UUID id) {
    return Optional.ofNullable(roots.get(id));
  }

  @Override
  public synchronized boolean add(PooledRoot root, AuditEvent event) {
    if (roots.values().stream().anyMatch(r -> r.sha256().equals(root.sha256()))) {
      return false;
    }
    roots.put(root.id(), root);
    events.add(event);
    return true;
  }

  @Override
  public synchronized boolean remove(UUID id, AuditEvent event) {
    if (roots.remove(id) == null) {
      return false;
    }
    events.add(event);
    return true;
  }

  public synchronized List<AuditEvent> events() {
    return List.copyOf(events);
  }
}
