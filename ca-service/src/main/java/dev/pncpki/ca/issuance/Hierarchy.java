package dev.pncpki.ca.issuance;

import dev.pncpki.ca.keys.KeyHandle;
import dev.pncpki.ca.keys.KeyName;
import dev.pncpki.ca.pem.CertificateInput;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.policies.profile.CertificateProfile;
import dev.pncpki.policies.profile.KeyAlgorithm;
import dev.pncpki.policies.profile.ProfileCatalog;
import dev.pncpki.policies.profile.ProfileId;
import dev.pncpki.policies.profile.ProfileId.Tier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The CA hierarchy in memory, as imported from the ceremony: which CA issues which profile, each
 * CA's chain, and its key, pinned to the version recorded by the ceremony (the public key comes
 * from the certificate, so signing needs no lookup in the key backend). Which of its certificates
 * are revoked is kept here too, as the database last said (docs/adr/012): a CA is live when neither
 * it nor a CA above it is revoked, and only live CAs are chosen to issue.
 */
public final class Hierarchy {

  /** One certificate of the hierarchy. */
  public record Authority(
      String id,
      CertificateProfile profile,
      Optional<String> issuerId,
      X509CertificateHolder certificate,
      KeyHandle key,
      String baseUrl,
      Instant notAfter) {

    public Authority {
      if (!notAfter.equals(certificate.getNotAfter().toInstant())) {
        throw new IllegalArgumentException(
            "authority " + id + ": notAfter " + notAfter + " is not its certificate's");
      }
    }

    /** {@code notAfter} is the certificate's, read once: every issuance caps its validity at it. */
    public Authority(
        String id,
        CertificateProfile profile,
        Optional<String> issuerId,
        X509CertificateHolder certificate,
        KeyHandle key,
        String baseUrl) {
      this(id, profile, issuerId, certificate, key, baseUrl, certificate.getNotAfter().toInstant());
    }

    /** The issuer of this certificate's row: its issuing CA, or a root itself. */
    public String rowIssuerId() {
      return issuerId.orElse(id);
    }

    /** The serial as the certificate table keeps it: lower-case hex without leading zeros. */
    public String serial() {
      return certificate.getSerialNumber().toString(16);
    }

    public boolean isRoot() {
      return issuerId.isEmpty();
    }

    /** The OCSP responder for certificates this CA issues (docs/adr/002). */
    public URI ocspUrl() {
      return URI.create(baseUrl + "/ocsp/" + id);
    }

    /** This CA's CRL. */
    public URI crlUrl() {
      return URI.create(baseUrl + "/crl/" + id + ".crl");
    }
  }

  /**
   * A certificate of an external root operator above one of this CA's Sub-CAs (docs/operations.md,
   * Sub-CAs under an external root): it completes chains and signs nothing of this CA's.
   */
  public record External(String id, Optional<String> issuerId, X509CertificateHolder certificate) {}

  private final Map<String, Authority> byId = new LinkedHashMap<>();
  private final Map<String, External> external = new LinkedHashMap<>();
  private final Set<String> revoked = ConcurrentHashMap.newKeySet();

  public Hierarchy(List<AuthorityRow> rows) {
    for (AuthorityRow row : rows) {
      try {
        var certificate = new X509CertificateHolder(row.certificate());
        if (row.keyRef() == null) {
          external.put(
              row.id(), new External(row.id(), Optional.ofNullable(row.issuerId()), certificate));
          continue;
        }
        CertificateProfile profile = ProfileCatalog.byLabel(row.profile());
        String[] ref = row.keyRef().split("#");
        KeyAlgorithm algorithm = profile.keyAlgorithm();
        var key =
            new KeyHandle(
                new KeyName(ref[0]),
                algorithm,
                Integer.parseInt(ref[1]),
                certificate.getSubjectPublicKeyInfo());
        byId.put(
            row.id(),
            new Authority(
                row.id(),
                profile,
                Optional.ofNullable(row.issuerId()),
                certificate,
                key,
                row.baseUrl()));
      } catch (IOException e) {
        throw new UncheckedIOException(
            "authority " + row.id() + " has an unreadable certificate", e);
      }
    }
  }

  public List<Authority> all() {
    return List.copyOf(byId.values());
  }

  public Optional<Authority> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** The authority whose certificate row is {@code issuerId/serial}, if it is one. */
  public Optional<Authority> byRow(String issuerId, String serial) {
    return byId.values().stream()
        .filter(a -> a.rowIssuerId().equals(issuerId) && a.serial().equals(serial))
        .findFirst();
  }

  /** Replaces what is known to be revoked with what the database says now. */
  public void revokedAre(Collection<String> ids) {
    revoked.addAll(ids);
    revoked.retainAll(Set.copyOf(ids));
  }

  /** Notes one revocation at once, before the next reload from the database. */
  public void markRevoked(String id) {
    revoked.add(id);
  }

  public boolean isRevoked(String id) {
    return revoked.contains(id);
  }

  /** Neither the authority nor a CA above it is revoked. */
  public boolean isLive(String id) {
    for (Authority a = byId.get(id); a != null; a = a.issuerId().map(byId::get).orElse(null)) {
      if (revoked.contains(a.id())) {
        return false;
      }
    }
    return true;
  }

  /**
   * The CA that issues {@code profile}: the one named, or else, of the live CAs of the profile's
   * tier, PKI and suite, the one whose certificate is newest (so that a Sub-CA the ceremony adds
   * takes over from those before it, docs/issuance.md). Unexpired CAs come before expired ones.
   * With {@code root} (the SHA-256 fingerprint of a root's DER, hex, colons allowed) only CAs whose
   * chain ends at that root are candidates: several chains under different roots live side by side,
   * and a station gets its certificate under the root it needs.
   */
  public Authority issuerFor(
      CertificateProfile profile, Optional<String> named, Optional<String> root, Instant now) {
    ProfileId expected = issuingProfile(profile.id());
    Optional<String> rootSha256 = root.map(r -> CertificateInput.sha256Fingerprint("root", r));
    if (named.isPresent()) {
      Authority a =
          find(named.get())
              .orElseThrow(
                  () ->
                      new RefusedException(
                          Refusal.UNKNOWN_ISSUER, "no CA \"" + named.get() + "\""));
      if (a.profile().id() != expected || a.profile().suite() != profile.suite()) {
        throw new RefusedException(
            Refusal.UNKNOWN_ISSUER,
            "CA " + a.id() + " (" + a.profile().label() + ") does not issue " + profile.label());
      }
      if (rootSha256.isPresent() && !rootSha256.get().equals(rootSha256(a.id()))) {
        throw new RefusedException(
            Refusal.UNKNOWN_ISSUER, "CA " + a.id() + " is not under root " + rootSha256.get());
      }
      if (!isLive(a.id())) {
        throw revokedIssuer(a.id(), profile);
      }
      return a;
    }
    List<Authority> candidates =
        byId.values().stream()
            .filter(a -> a.profile().id() == expected && a.profile().suite() == profile.suite())
            .filter(a -> rootSha256.isEmpty() || rootSha256.get().equals(rootSha256(a.id())))
            .toList();
    if (candidates.isEmpty()) {
      throw new RefusedException(
          Refusal.UNKNOWN_ISSUER,
          "no CA in this hierarchy issues "
              + profile.label()
              + rootSha256.map(r -> " under root " + r).orElse(""));
    }
    return newest(candidates.stream().filter(a -> isLive(a.id())).toList(), now)
        .orElseThrow(
            () ->
                revokedIssuer(
                    candidates.stream().map(Authority::id).collect(Collectors.joining(", ")),
                    profile));
  }

  /** The SHA-256 fingerprint (hex) of the root above {@code id}. */
  public String rootSha256(String id) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(rootOf(id).getEncoded()));
    } catch (NoSuchAlgorithmException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The newest live delegated OCSP signer that {@code caId} issued (RFC 6960 4.2.2.2). */
  public Optional<Authority> ocspSignerOf(String caId, Instant now) {
    return newest(
        byId.values().stream()
            .filter(a -> a.profile().id() == ProfileId.OCSP_SIGNER)
            .filter(a -> a.issuerId().filter(caId::equals).isPresent() && isLive(a.id()))
            .toList(),
        now);
  }

  /** Unexpired before expired, then the latest notBefore, then the latest imported. */
  private static Optional<Authority> newest(List<Authority> authorities, Instant now) {
    Comparator<Authority> order =
        Comparator.comparing((Authority a) -> a.notAfter().isAfter(now))
            .thenComparing(a -> a.certificate().getNotBefore().toInstant());
    Authority best = null;
    for (Authority a : authorities) {
      if (best == null || order.compare(a, best) >= 0) {
        best = a;
      }
    }
    return Optional.ofNullable(best);
  }

  private static RefusedException revokedIssuer(String ids, CertificateProfile profile) {
    return new RefusedException(
        Refusal.ISSUER_REVOKED,
        "no live CA issues "
            + profile.label()
            + ": "
            + ids
            + " (or a CA above) is revoked; the ceremony adds a new one (docs/operations.md)");
  }

  /** A stored certificate with the chain and root of its issuer. */
  public IssuedCertificate withChain(CertificateRow row, X509CertificateHolder certificate) {
    return new IssuedCertificate(
        row.issuerId(),
        row.serial(),
        row.profile(),
        row.status().label(),
        row.notBefore(),
        row.notAfter(),
        certificate,
        chainBelowRoot(row.issuerId()),
        rootOf(row.issuerId()),
        row.revokedAt(),
        row.revocationReason() == null ? null : row.revocationReason().intValue());
  }

  /** The external root operators' certificates this CA's chains hang under. */
  public List<External> external() {
    return List.copyOf(external.values());
  }

  /** A certificate of a chain: one of this CA's, or an external operator's. */
  private record Link(X509CertificateHolder certificate, Optional<String> issuerId) {}

  private Link link(String id) {
    Authority a = byId.get(id);
    if (a != null) {
      return new Link(a.certificate(), a.issuerId());
    }
    External e = external.get(id);
    return e == null ? null : new Link(e.certificate(), e.issuerId());
  }

  /** The issuing CA and its issuers up to, not including, the root (an external one too). */
  public List<X509CertificateHolder> chainBelowRoot(String issuerId) {
    List<X509CertificateHolder> chain = new ArrayList<>();
    Link l = link(issuerId);
    while (l != null && l.issuerId().isPresent()) {
      chain.add(l.certificate());
      l = link(l.issuerId().get());
    }
    return chain;
  }

  public X509CertificateHolder rootOf(String id) {
    Link l = link(id);
    while (l.issuerId().isPresent()) {
      l = link(l.issuerId().get());
    }
    return l.certificate();
  }

  /** Leaf profiles clients may request, and the CA tier that issues them. */
  static ProfileId issuingProfile(ProfileId leaf) {
    if (leaf.tier() != Tier.LEAF || leaf == ProfileId.OCSP_SIGNER || leaf == ProfileId.CPS_LEAF) {
      throw new RefusedException(
          Refusal.PROFILE_NOT_ISSUABLE,
          leaf.label() + " certificates are made by the ceremony, not through the API");
    }
    return switch (leaf) {
      case SECC_LEAF, CHARGING_STATION_CLIENT, CSMS_SERVER -> ProfileId.CPO_SUB_CA_2;
      case CONTRACT_LEAF -> ProfileId.MO_SUB_CA_2;
      case OEM_PROVISIONING_LEAF -> ProfileId.OEM_SUB_CA_2;
      default ->
          throw new RefusedException(
              Refusal.PROFILE_NOT_ISSUABLE, leaf.label() + " is not issuable");
    };
  }
}
