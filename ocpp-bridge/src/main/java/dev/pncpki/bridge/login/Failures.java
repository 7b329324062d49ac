package dev.pncpki.bridge.login;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Recent failed logins by one kind of key (source addresses, or station ids), and the wait each key
 * has earned: none for the first {@code freeFailures}, then the first delay, doubling with each
 * further failure up to the cap. Failures older than {@code forgetAfter} no longer count. Bounded:
 * beyond {@code capacity} keys the least recently seen is forgotten, so a flood of made-up keys
 * cannot exhaust memory (it meets the other kind of key, and the global budget, instead).
 */
final class Failures {
  private record Streak(int count, Instant last, Instant until) {}

  private final ThrottleSettings settings;
  private final Map<String, Streak> entries;

  Failures(ThrottleSettings settings, int capacity) {
    this.settings = settings;
    this.entries =
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Streak> eldest) {
            return size() > capacity;
          }
        };
  }

  /** How long {@code key} must still wait, if it must. */
  synchronized Optional<Duration> wait(String key, Instant now) {
    Streak e = live(key, now);
    return e == null || !e.until().isAfter(now)
        ? Optional.empty()
        : Optional.of(Duration.between(now, e.until()));
  }

  /** Whether {@code key} failed recently (its logins come from the reserve-less share). */
  synchronized boolean suspect(String key, Instant now) {
    return live(key, now) != null;
  }

  synchronized void failed(String key, Instant now) {
    Streak e = live(key, now);
    int count = e == null ? 1 : e.count() + 1;
    entries.put(key, new Streak(count, now, now.plus(delay(count))));
  }

  synchronized void clear(String key) {
    entries.remove(key);
  }

  synchronized int size() {
    return entries.size();
  }

  private Streak live(String key, Instant now) {
    Streak e = entries.get(key);
    if (e != null && e.last().plus(settings.forgetAfter()).isBefore(now)) {
      entries.remove(key);
      return null;
    }
    return e;
  }

  /** The wait after the {@code count}th failure in a row. */
  Duration delay(int count) {
    int over = count - settings.freeFailures();
    if (over <= 0) {
      return Duration.ZERO;
    }
    // doubling from the first delay; past 30 doublings any sane cap is reached
    long seconds = (long) settings.firstDelaySeconds() << Math.min(over - 1, 30);
    return seconds >= settings.maxDelaySeconds()
        ? settings.maxDelay()
        : Duration.ofSeconds(seconds);
  }
}
