package dev.pncpki.ca.revocation;

import dev.pncpki.ca.keys.KeyBackend;
import dev.pncpki.ca.keys.KeyBackendException;
import dev.pncpki.ca.keys.KeyHandle;
import dev.pncpki.ca.keys.KeyName;
import dev.pncpki.policies.profile.KeyAlgorithm;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts every call that reaches the key backend, and can act out a backend that is down. */
final class CountingKeyBackend implements KeyBackend {
  private final KeyBackend delegate;
  private final AtomicInteger calls = new AtomicInteger();
  private volatile boolean down;

  CountingKeyBackend(KeyBackend delegate) {
    this.delegate = delegate;
  }

  int calls() {
    return calls.get();
  }

  void down(boolean isDown) {
    this.down = isDown;
  }

  @Override
  public KeyHandle createKey(KeyName name, KeyAlgorithm algorithm) {
    count();
    return delegate.createKey(name, algorithm);
  }

  @Override
  public Optional<KeyHandle> findKey(KeyName name) {
    count();
    return delegate.findKey(name);
  }

  @Override
  public byte[] signDigest(KeyHandle key, byte[] digest) {
    count();
    return delegate.signDigest(key, digest);
  }

  private void count() {
    calls.incrementAndGet();
    if (down) {
      throw new KeyBackendException("cannot reach the key backend (test)");
    }
  }
}
