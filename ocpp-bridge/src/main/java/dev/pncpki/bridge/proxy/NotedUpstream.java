package dev.pncpki.bridge.proxy;

import dev.pncpki.bridge.logs.LogRetrieval;
import dev.pncpki.bridge.ocpp.Frame;
import dev.pncpki.bridge.renewal.DiscardedRenewals;
import dev.pncpki.bridge.station.Upstream;
import dev.pncpki.bridge.store.StationInfo;

/**
 * The CSMS connection of a station in proxy mode, noting on their way what the bridge keeps:
 * BootNotification (vendor, model), LogStatusNotification (the progress of a log an admin of the
 * bridge asked for) and a SecurityEventNotification that the station discarded its renewed
 * certificate (the bridge renews station certificates); the CSMS gets each of them too.
 */
public record NotedUpstream(
    Upstream upstream,
    String stationId,
    StationInfo info,
    LogRetrieval logs,
    DiscardedRenewals discarded)
    implements Upstream {
  @Override
  public boolean takes(Frame.Call call) {
    switch (call.action()) {
      case "BootNotification" -> info.booted(stationId, call.payload());
      case "LogStatusNotification" -> logs.reported(stationId, call.payload());
      case "SecurityEventNotification" -> discarded.heard(stationId, call.payload());
      default -> {}
    }
    return upstream.takes(call);
  }

  @Override
  public void forward(String text) {
    upstream.forward(text);
  }

  @Override
  public void close() {
    upstream.close();
  }
}
