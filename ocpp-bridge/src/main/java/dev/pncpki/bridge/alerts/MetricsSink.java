package dev.pncpki.bridge.alerts;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;

/**
 * Alerts as Dropwizard metrics: gauges {@code alerts.active} and {@code alerts.active.<kind>} (read
 * from the hub, so they are right even for alerts raised before the registry was wired) and the
 * meter {@code alerts.raised}, for dashboards and for monitoring systems that scrape the admin port
 * rather than take webhooks.
 */
public final class MetricsSink implements AlertSink {
  private final Meter raised;

  private MetricsSink(Meter raised) {
    this.raised = raised;
  }

  /** Registers the gauges and the meter and subscribes the sink to {@code alerts}. */
  public static MetricsSink register(MetricRegistry registry, Alerts alerts) {
    registry.gauge("alerts.active", () -> (Gauge<Integer>) () -> alerts.active().size());
    for (Alert.Kind kind : Alert.Kind.values()) {
      registry.gauge(
          MetricRegistry.name("alerts.active", kind.wireName()),
          () -> (Gauge<Long>) () -> alerts.active().stream().filter(a -> a.kind() == kind).count());
    }
    MetricsSink sink = new MetricsSink(registry.meter("alerts.raised"));
    alerts.subscribe(sink);
    return sink;
  }

  @Override
  public void raised(Alert alert) {
    raised.mark();
  }

  @Override
  public void cleared(Alert alert) {
    // the gauges read the hub, nothing to count here
  }
}
