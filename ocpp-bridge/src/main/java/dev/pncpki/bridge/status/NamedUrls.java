package dev.pncpki.bridge.status;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * URLs that certificates of chains which validated to a trusted root named (OCSP responders, CRL
 * distribution points): the only ones besides the CA's own that a station's request may make the
 * bridge ask. The {@code max} most recently named are kept.
 */
final class NamedUrls {
  private final Map<String, Boolean> urls;

  NamedUrls(int max) {
    this.urls =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > max;
          }
        };
  }

  synchronized void add(String url) {
    urls.put(url, Boolean.TRUE);
  }

  synchronized boolean contains(String url) {
    return urls.containsKey(url);
  }
}
