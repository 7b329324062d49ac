package dev.pncpki.bridge.trust;

import java.util.List;
import java.util.Optional;

/** The V2G roots a station's SECC certificate may be issued under, as the CA has them. */
public interface V2gRootSource {
  /** Every root the CA trusts; empty until it was first read. */
  Optional<List<TrustedRoot>> trusted();

  /**
   * Whether the CA has a valid CPO chain that issues ISO 15118 {@code iso15118} ({@code "2"} or
   * {@code "20"}) SECC certificates and ends at {@code root}.
   */
  boolean issuesSeccUnder(RootFingerprint root, String iso15118);

  /** Nothing known: any root counts as trusted, none as reached. */
  V2gRootSource NONE =
      new V2gRootSource() {
        @Override
        public Optional<List<TrustedRoot>> trusted() {
          return Optional.empty();
        }

        @Override
        public boolean issuesSeccUnder(RootFingerprint root, String iso15118) {
          return false;
        }
      };
}
