package dev.pncpki.bridge.station;

import dev.pncpki.bridge.ocpp.OcppVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The actions of one OCPP version that the bridge takes part in, each once: a station's CALLs it
 * answers (with their handlers) and the CALLs it sends. A station's session answers and sends
 * exactly what its version's table holds; an action another version has is not in it.
 */
public final class RouteTable {
  private final OcppVersion version;
  private final Map<String, OcppAction> fromStation;
  private final Map<String, OcppAction> toStation;

  private RouteTable(
      OcppVersion version, Map<String, OcppAction> fromStation, Map<String, OcppAction> toStation) {
    this.version = version;
    this.fromStation = Map.copyOf(fromStation);
    this.toStation = Map.copyOf(toStation);
  }

  public static Builder of(OcppVersion version) {
    return new Builder(version);
  }

  public OcppVersion version() {
    return version;
  }

  /** A CALL a station of this version sends, as the bridge routes it. */
  public Optional<OcppAction> find(String action) {
    return Optional.ofNullable(fromStation.get(action));
  }

  /** The handler of a station's CALL, if the bridge answers it itself. */
  public Optional<Handler> handler(String action) {
    return find(action).flatMap(OcppAction::handler);
  }

  /** Whether the bridge sends this CALL to a station of this version. */
  public boolean sends(String action) {
    return toStation.containsKey(action);
  }

  /** Every action, both ways (DataTransfer can be in both directions). */
  public List<OcppAction> actions() {
    var all = new ArrayList<>(fromStation.values());
    all.addAll(toStation.values());
    return List.copyOf(all);
  }

  /** Builds a table; an action named twice one way is a mistake in the table and refused. */
  public static final class Builder {
    private final OcppVersion version;
    private final Map<String, OcppAction> fromStation = new LinkedHashMap<>();
    private final Map<String, OcppAction> toStation = new LinkedHashMap<>();

    private Builder(OcppVersion version) {
      this.version = version;
    }

    /** A station's CALL that the bridge answers with {@code handler}. */
    public Builder answer(String action, Handler handler) {
      return add(action, OcppAction.Direction.FROM_STATION, Optional.of(handler));
    }

    /**
     * A station's CALL that the bridge answers with {@code handler} if there is one (standalone
     * mode), else leaves to the CSMS.
     */
    public Builder answer(String action, Optional<Handler> handler) {
      return add(action, OcppAction.Direction.FROM_STATION, handler);
    }

    /** A CALL the bridge sends to the station. */
    public Builder send(String action) {
      return add(action, OcppAction.Direction.TO_STATION, Optional.empty());
    }

    private Builder add(String action, OcppAction.Direction direction, Optional<Handler> handler) {
      var entry =
          new OcppAction(
              action,
              direction,
              version.requestSchema(action),
              version.responseSchema(action),
              handler);
      var actions = direction == OcppAction.Direction.FROM_STATION ? fromStation : toStation;
      if (actions.putIfAbsent(action, entry) != null) {
        throw new IllegalStateException(
            action + " is twice in the " + version + " table, " + direction);
      }
      return this;
    }

    public RouteTable build() {
      return new RouteTable(version, fromStation, toStation);
    }
  }
}
