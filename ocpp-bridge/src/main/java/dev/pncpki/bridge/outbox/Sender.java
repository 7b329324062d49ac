package dev.pncpki.bridge.outbox;

import java.util.Optional;

/**
 * How the outbox hands what it stores to this instance's sender (the {@link Dispatcher}), so that a
 * delivery for a station connected here can be stored already claimed, saving the claim's statement
 * and commit and the other instances' wake-up.
 */
interface Sender {
  /** No sender: everything is stored pending (an instance that does not deliver). */
  Sender NONE =
      new Sender() {
        @Override
        public boolean takeTurn(String stationId) {
          return false;
        }

        @Override
        public void send(String stationId, Optional<Delivery> claimed) {}

        @Override
        public void wake(String stationId) {}
      };

  /**
   * True if the station is connected here and no delivery pass runs for it: the caller then owns
   * the station's turn and must pass it to {@link #send}.
   */
  boolean takeTurn(String stationId);

  /** Runs the taken turn: the delivery stored claimed, if any, then whatever else is due. */
  void send(String stationId, Optional<Delivery> claimed);

  /** Something was stored for the station: deliver it if the station is connected here. */
  void wake(String stationId);
}
