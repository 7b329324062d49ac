package dev.pncpki.contract.exi;

import java.io.IOException;

/**
 * A decode refused because the stream asks for more than {@link ExiLimits} allow. An {@link
 * IOException}, so that it passes through EXIficient's decoding methods as their own input errors
 * do; {@link V2gExi#decode} turns it into an {@link ExiException}.
 */
final class ExiLimitException extends IOException {
  private static final long serialVersionUID = 1L;

  ExiLimitException(String message) {
    super(message);
  }
}
