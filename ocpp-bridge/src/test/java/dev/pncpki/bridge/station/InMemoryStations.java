package dev.pncpki.bridge.station;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The station registry in memory, for unit tests of the domain rules (the real one is SQL). */
public final class InMemoryStations implements StationRegistry, CredentialChanges {
  private final Map<String, Station> byId = new TreeMap<>();
  private final Set<String> seeded = new TreeSet<>();

  @Override
  public synchronized Optional<Station> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public synchronized List<Station> all() {
    return new ArrayList<>(byId.values());
  }

  @Override
  public synchronized Addition add(Station station) {
    if (byId.keySet().stream().anyMatch(id -> id.equalsIgnoreCase(station.id()))) {
      return Addition.ID_TAKEN;
    }
    List<String> wanted = station.seccIds().stream().map(Registration::compactSecc).toList();
    if (byId.values().stream()
        .anyMatch(
            s -> s.seccIds().stream().map(Registration::compactSecc).anyMatch(wanted::contains))) {
      return Addition.SECC_ID_TAKEN;
    }
    byId.put(station.id(), station);
    return Addition.ADDED;
  }

  @Override
  public synchronized Addition seed(Station station) {
    return seeded.add(station.id()) ? add(station) : Addition.SEEDED_BEFORE;
  }

  @Override
  public synchronized boolean setEnabled(String id, boolean enabled) {
    return change(
        id,
        s ->
            with(
                s,
                enabled,
                s.passwordHash(),
                s.pendingPasswordHash(),
                s.profile(),
                s.targetProfile(),
                s.certificate()));
  }

  @Override
  public synchronized boolean remove(String id) {
    return byId.remove(id) != null;
  }

  @Override
  public synchronized void stagePassword(String id, String hash) {
    change(
        id,
        s ->
            with(
                s,
                s.enabled(),
                s.passwordHash(),
                Optional.of(hash),
                s.profile(),
                s.targetProfile(),
                s.certificate()));
  }

  @Override
  public synchronized boolean promotePassword(String id, String hash) {
    Station s = byId.get(id);
    if (s == null || !s.pendingPasswordHash().equals(Optional.of(hash))) {
      return false;
    }
    return change(
        id,
        x ->
            with(
                x,
                x.enabled(),
                Optional.of(hash),
                Optional.empty(),
                x.profile(),
                x.targetProfile(),
                x.certificate()));
  }

  @Override
  public synchronized void dropPassword(String id, String hash) {
    Station s = byId.get(id);
    if (s != null && s.pendingPasswordHash().equals(Optional.of(hash))) {
      change(
          id,
          x ->
              with(
                  x,
                  x.enabled(),
                  x.passwordHash(),
                  Optional.empty(),
                  x.profile(),
                  x.targetProfile(),
                  x.certificate()));
    }
  }

  @Override
  public synchronized void stageUpgrade(
      String id, SecurityProfile target, Optional<CertificateBinding> binding) {
    change(
        id,
        s ->
            s.profile().compareTo(target) < 0
                ? with(
                    s,
                    s.enabled(),
                    s.passwordHash(),
                    s.pendingPasswordHash(),
                    s.profile(),
                    Optional.of(target),
                    binding.or(s::certificate))
                : s);
  }

  @Override
  public synchronized boolean completeUpgrade(String id, SecurityProfile target) {
    Station s = byId.get(id);
    if (s == null || !s.targetProfile().equals(Optional.of(target))) {
      return false;
    }
    return change(
        id,
        x ->
            with(
                x,
                x.enabled(),
                x.passwordHash(),
                x.pendingPasswordHash(),
                target,
                Optional.empty(),
                x.certificate()));
  }

  @Override
  public synchronized void cancelUpgrade(String id, SecurityProfile target) {
    Station s = byId.get(id);
    if (s != null && s.targetProfile().equals(Optional.of(target))) {
      change(
          id,
          x ->
              with(
                  x,
                  x.enabled(),
                  x.passwordHash(),
                  x.pendingPasswordHash(),
                  x.profile(),
                  Optional.empty(),
                  x.certificate()));
    }
  }

  private boolean change(String id, java.util.function.UnaryOperator<Station> how) {
    Station s = byId.get(id);
    if (s == null) {
      return false;
    }
    byId.put(id, how.apply(s));
    return true;
  }

  private static Station with(
      Station s,
      boolean enabled,
      Optional<String> hash,
      Optional<String> pending,
      SecurityProfile profile,
      Optional<SecurityProfile> target,
      Optional<CertificateBinding> binding) {
    return new Station(
        s.id(),
        profile,
        hash,
        binding,
        s.operator(),
        s.model(),
        s.seccIds(),
        enabled,
        pending,
        target,
        s.registeredBy(),
        s.registeredAt());
  }
}
