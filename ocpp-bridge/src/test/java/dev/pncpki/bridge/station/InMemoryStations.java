package dev.pncpki.bridge.station;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** The station registry in memory, for unit tests of the domain rules (the real one is SQL). */
public final class InMemoryStations implements StationRegistry, CredentialChanges {
  private final Map<String, Station> byId = new TreeMap<>();
  private final Set<String> seeded = new TreeSet<>();

  /** A profile-1 station with this password, nothing else known of it. */
  public static Station basic(String id, String password) {
    return Station.registered(
        id,
        SecurityProfile.BASIC,
        Optional.of(PasswordHash.of(password)),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        "test",
        java.time.Instant.EPOCH);
  }

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
    return change(id, s -> edited(s, e -> e.enabled = enabled));
  }

  @Override
  public synchronized boolean remove(String id) {
    return byId.remove(id) != null;
  }

  @Override
  public synchronized void stagePassword(String id, String hash) {
    change(id, s -> edited(s, e -> e.pending = Optional.of(hash)));
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
            edited(
                x,
                e -> {
                  e.hash = Optional.of(hash);
                  e.pending = Optional.empty();
                }));
  }

  @Override
  public synchronized void dropPassword(String id, String hash) {
    Station s = byId.get(id);
    if (s != null && s.pendingPasswordHash().equals(Optional.of(hash))) {
      change(id, x -> edited(x, e -> e.pending = Optional.empty()));
    }
  }

  @Override
  public synchronized void stageUpgrade(
      String id, SecurityProfile target, Optional<CertificateBinding> binding) {
    change(
        id,
        s ->
            s.profile().compareTo(target) < 0
                ? edited(
                    s,
                    e -> {
                      e.target = Optional.of(target);
                      e.binding = binding.or(s::certificate);
                    })
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
            edited(
                x,
                e -> {
                  e.profile = target;
                  e.target = Optional.empty();
                }));
  }

  @Override
  public synchronized void cancelUpgrade(String id, SecurityProfile target) {
    Station s = byId.get(id);
    if (s != null && s.targetProfile().equals(Optional.of(target))) {
      change(id, x -> edited(x, e -> e.target = Optional.empty()));
    }
  }

  /** No deliveries here: what a delivery's end releases is tested against PostgreSQL. */
  @Override
  public List<Released> releaseUnanswered(String rotationOrigin, String upgradeOrigin) {
    return List.of();
  }

  private boolean change(String id, UnaryOperator<Station> how) {
    Station s = byId.get(id);
    if (s == null) {
      return false;
    }
    byId.put(id, how.apply(s));
    return true;
  }

  /** {@code s} with what {@code edit} changes of its credentials and state. */
  private static Station edited(Station s, Consumer<Editable> edit) {
    Editable e = new Editable(s);
    edit.accept(e);
    return new Station(
        s.id(),
        e.profile,
        e.hash,
        e.binding,
        s.operator(),
        s.model(),
        s.seccIds(),
        e.enabled,
        e.pending,
        e.target,
        s.registeredBy(),
        s.registeredAt());
  }

  /** What the registry changes of a station, as fields to set. */
  private static final class Editable {
    boolean enabled;
    Optional<String> hash;
    Optional<String> pending;
    SecurityProfile profile;
    Optional<SecurityProfile> target;
    Optional<CertificateBinding> binding;

    Editable(Station s) {
      enabled = s.enabled();
      hash = s.passwordHash();
      pending = s.pendingPasswordHash();
      profile = s.profile();
      target = s.targetProfile();
      binding = s.certificate();
    }
  }
}
