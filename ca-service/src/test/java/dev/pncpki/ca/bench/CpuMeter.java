package dev.pncpki.ca.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CPU time used by each process of the run (this load generator, the CA JVM, its PostgreSQL,
 * OpenBao), read from Linux's /proc; on two shared cores, CPU per request says who the bottleneck
 * is. Only reads /proc; assumes the usual 100 clock ticks per second.
 */
public final class CpuMeter {
  private static final double TICK_SECONDS = 0.01;
  private final Map<String, LongSupplier> parts = new LinkedHashMap<>();

  /** Adds a single process (all its threads). */
  public CpuMeter process(String name, long pid) {
    parts.put(name, () -> ticks(pid, false).orElse(0));
    return this;
  }

  /** Adds a process with its children, live and exited (PostgreSQL forks one per connection). */
  public CpuMeter tree(String name, LongSupplier pid) {
    parts.put(name, () -> treeTicks(pid.getAsLong()));
    return this;
  }

  /** CPU seconds so far per part, in the order added. */
  public Map<String, Double> snapshot() {
    Map<String, Double> seconds = new LinkedHashMap<>();
    parts.forEach((name, ticks) -> seconds.put(name, ticks.getAsLong() * TICK_SECONDS));
    return seconds;
  }

  public static Map<String, Double> difference(
      Map<String, Double> after, Map<String, Double> before) {
    Map<String, Double> d = new LinkedHashMap<>();
    after.forEach((name, s) -> d.put(name, s - before.getOrDefault(name, 0.0)));
    return d;
  }

  /** CPU seconds all processes on the machine used so far (busy time in /proc/stat). */
  public static double machineSeconds() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
      String[] f =
          Pattern.compile(" +")
              .splitAsStream(lines.findFirst().orElse("cpu"))
              .toArray(String[]::new);
      long busy = 0;
      for (int i : new int[] {1, 2, 3, 6, 7, 8}) { // user nice system irq softirq steal
        busy += i < f.length ? Long.parseLong(f[i]) : 0;
      }
      return busy * TICK_SECONDS;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private static long treeTicks(long pid) {
    if (pid <= 0) {
      return 0;
    }
    long total = ticks(pid, true).orElse(0);
    try (Stream<Path> all = Files.list(Path.of("/proc"))) {
      total +=
          all.map(p -> p.getFileName().toString())
              .filter(n -> !n.isEmpty() && n.chars().allMatch(Character::isDigit))
              .mapToLong(Long::parseLong)
              .filter(child -> parent(child) == pid)
              .map(child -> ticks(child, false).orElse(0))
              .sum();
    } catch (IOException e) {
      return total;
    }
    return total;
  }

  /** Fields of /proc/PID/stat after the ")" closing the command name: state is index 0. */
  private static String[] fields(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    } catch (IOException | RuntimeException gone) {
      return new String[0];
    }
  }

  private static long parent(long pid) {
    String[] f = fields(pid);
    return f.length > 1 ? Long.parseLong(f[1]) : -1;
  }

  /** utime + stime (fields 14, 15), and with reaped children cutime + cstime (16, 17). */
  private static OptionalLong ticks(long pid, boolean withReapedChildren) {
    String[] f = fields(pid);
    if (f.length < 15) {
      return OptionalLong.empty();
    }
    long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    if (withReapedChildren) {
      t += Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }
    return OptionalLong.of(t);
  }
}
