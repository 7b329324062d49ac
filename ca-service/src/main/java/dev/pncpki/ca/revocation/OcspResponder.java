package dev.pncpki.ca.revocation;

import dev.pncpki.ca.keys.KeyBackend;
import dev.pncpki.ca.keys.KeyBackendException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 6960 OCSP responder for the issuing CAs, one URL per CA ({@code /ocsp/{caId}}). Responses are
 * signed by each CA's delegated OCSP signer. Nonce-less single-certificate requests, which is what
 * OCPP stations send for their weekly stapling cache, are answered from pre-signed responses (RFC
 * 5019 style) without touching the key backend or the revocation source; the CA calls {@link
 * #invalidate} after a revocation so the next answer says revoked.
 *
 * <p>The cache is per instance: with several instances, a revocation reaches the others' cached
 * answers only at their refresh point unless they are told too.
 */
public final class OcspResponder {
  private static final Logger LOG = LoggerFactory.getLogger(OcspResponder.class);

  /** The CertID forms OpenSSL (and so EVerest) and Go clients send: NULL parameters. */
  private static final List<AlgorithmIdentifier> PREWARMED_HASHES =
      List.of(
          new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE),
          new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1, DERNull.INSTANCE));

  private final KeyBackend backend;
  private final RevocationSource source;
  private final Map<String, OcspAuthority> authorities;
  private final Clock clock;
  private final OcspSettings settings;
  private final OcspResponseCache cache;

  /**
   * Answers for serials this CA never issued live apart, few and briefly: made-up serials can then
   * neither push real answers out of the main cache nor make every query a signature.
   */
  private final OcspResponseCache unknownCache = new OcspResponseCache(UNKNOWN_ENTRIES);

  static final int UNKNOWN_ENTRIES = 10_000;
  static final java.time.Duration UNKNOWN_REFRESH = java.time.Duration.ofMinutes(5);

  /**
   * @throws IllegalArgumentException if a CA's OCSP signer certificate is not for its OCSP signer
   *     key or not issued by that CA
   */
  public OcspResponder(
      KeyBackend backend,
      RevocationSource source,
      Collection<IssuingCa> cas,
      Clock clock,
      OcspSettings settings) {
    this.backend = backend;
    this.source = source;
    this.authorities =
        new ConcurrentHashMap<>(
            cas.stream()
                .map(OcspAuthority::new)
                .collect(Collectors.toMap(a -> a.ca().id(), Function.identity())));
    this.clock = clock;
    this.settings = settings;
    this.cache = new OcspResponseCache(settings.maxCachedResponses());
  }

  public OcspResponder(
      KeyBackend backend, RevocationSource source, Collection<IssuingCa> cas, Clock clock) {
    this(backend, source, cas, clock, OcspSettings.defaults());
  }

  /**
   * Answers one DER OCSPRequest; always returns a DER OCSPResponse, whose status says what was
   * wrong with a request that cannot be answered (RFC 6960 2.3).
   */
  public byte[] respond(String caId, byte[] request) {
    StatusRequest parsed;
    try {
      parsed = StatusRequest.parse(request, settings.maxSingleRequests());
    } catch (StatusRequest.MalformedException e) {
      LOG.debug("malformed OCSP request for {}: {}", caId, e.getMessage());
      return failure(OCSPRespBuilder.MALFORMED_REQUEST);
    }
    OcspAuthority authority = authorities.get(caId);
    // not authoritative for a CertID of another issuer, nor for a CA it does not serve
    if (authority == null || !parsed.certIds().stream().allMatch(authority::names)) {
      return failure(OCSPRespBuilder.UNAUTHORIZED);
    }
    return answer(authority, parsed);
  }

  /**
   * From now on the CA's answers are signed by {@code ca}'s OCSP signer: its delegated signer was
   * revoked, and the CA's next one, or the CA itself, takes over. Every cached answer goes, so none
   * signed by the revoked signer is served again.
   *
   * @throws IllegalArgumentException if the CA is not one of this responder's, or the signer is not
   *     the CA's (RFC 6960 4.2.2.2)
   */
  public void replaceSigner(IssuingCa ca) {
    if (!authorities.containsKey(ca.id())) {
      throw new IllegalArgumentException("no issuing CA \"" + ca.id() + "\"");
    }
    authorities.put(ca.id(), new OcspAuthority(ca));
    invalidateAll();
  }

  /** Drops every cached answer; the next queries are signed afresh from the database. */
  public void invalidateAll() {
    cache.invalidateAll();
    unknownCache.invalidateAll();
  }

  /** Drops the pre-signed answers for the serial; call it right after revoking it. */
  public void invalidate(String caId, BigInteger serial) {
    cache.invalidate(caId, serial);
    unknownCache.invalidate(caId, serial);
  }

  /**
   * Pre-signs the answers for the serials (SHA-256 and SHA-1 CertIDs), so that their first query is
   * served from memory too. Answers still fresh are kept; stale ones are signed again.
   *
   * @throws IllegalArgumentException if the CA is not one of this responder's
   */
  public void prewarm(String caId, Collection<BigInteger> serials) {
    OcspAuthority authority = authorities.get(caId);
    if (authority == null) {
      throw new IllegalArgumentException("no issuing CA \"" + caId + "\"");
    }
    for (BigInteger serial : serials) {
      for (AlgorithmIdentifier hash : PREWARMED_HASHES) {
        preSigned(authority, authority.certId(hash, serial));
      }
    }
  }

  /** How many pre-signed responses are held, for metrics. */
  public int cachedResponses() {
    return cache.size();
  }

  /**
   * A protocol endpoint answers in its protocol: a key backend or database failure becomes an
   * OCSPResponse status, not an exception for the HTTP layer to turn into an HTML error page.
   */
  private byte[] answer(OcspAuthority authority, StatusRequest request) {
    try {
      return request.nonce().isEmpty() && request.certIds().size() == 1
          ? preSigned(authority, request.certIds().get(0))
          : signed(authority, request.certIds(), request.nonce(), now());
    } catch (KeyBackendException e) {
      LOG.warn("OCSP signer of {} unavailable: {}", authority.ca().id(), e.getMessage());
      return failure(OCSPRespBuilder.TRY_LATER);
    } catch (RuntimeException e) {
      LOG.error("cannot answer OCSP request for {}", authority.ca().id(), e);
      return failure(OCSPRespBuilder.INTERNAL_ERROR);
    }
  }

  private byte[] preSigned(OcspAuthority authority, CertID id) {
    var key =
        new OcspResponseCache.Key(
            authority.ca().id(), id.getHashAlgorithm(), id.getSerialNumber().getValue());
    Instant now = now();
    Optional<byte[]> cached = cache.get(key, now).or(() -> unknownCache.get(key, now));
    if (cached.isPresent()) {
      return cached.get();
    }
    long generation = cache.generation(); // before the status lookup, see OcspResponseCache
    long unknownGeneration = unknownCache.generation();
    String caId = authority.ca().id();
    CertificateStatus status = source.status(caId, id.getSerialNumber().getValue());
    byte[] response =
        authority.sign(
            backend,
            List.of(new OcspAuthority.Answer(id, status)),
            Optional.empty(),
            now,
            now.plus(settings.validity()));
    if (status.state() == CertificateStatus.State.UNKNOWN) {
      unknownCache.put(key, response, now.plus(UNKNOWN_REFRESH), unknownGeneration);
    } else {
      cache.put(key, response, now.plus(settings.refreshAfter()), generation);
    }
    return response;
  }

  private byte[] signed(
      OcspAuthority authority, List<CertID> ids, Optional<Extension> nonce, Instant now) {
    String caId = authority.ca().id();
    List<OcspAuthority.Answer> answers =
        ids.stream()
            .map(
                id ->
                    new OcspAuthority.Answer(
                        id, source.status(caId, id.getSerialNumber().getValue())))
            .toList();
    return authority.sign(backend, answers, nonce, now, now.plus(settings.validity()));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  private static byte[] failure(int status) {
    try {
      return new OCSPRespBuilder().build(status, null).getEncoded();
    } catch (OCSPException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
