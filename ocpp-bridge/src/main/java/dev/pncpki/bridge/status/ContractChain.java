package dev.pncpki.bridge.status;

import dev.pncpki.bridge.crypto.Verifiers;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * The contract chain of an Authorize {@code certificate} (PEM, the contract certificate first, then
 * its Sub-CAs, and perhaps the root): the certificates below the root, and each that the chain
 * holds the issuer of, with the one that should have issued it.
 */
record ContractChain(List<Link> links, List<X509CertificateHolder> belowRoot) {

  /** A certificate of the chain and the next one, which should have issued it. */
  record Link(X509CertificateHolder subject, X509CertificateHolder issuer) {
    /** RFC 5280 section 6.1.3 (a)(1) and (a)(4): signed by the issuer and naming it. */
    boolean signed() {
      try {
        return subject.getIssuer().equals(issuer.getSubject())
            && subject.isSignatureValid(Verifiers.of(issuer.getSubjectPublicKeyInfo()));
      } catch (OperatorCreationException | CertException | RuntimeException e) {
        return false;
      }
    }
  }

  /**
   * The chain in {@code pem}, one link per certificate up to (not including) the first self-issued
   * one, the root; empty if it cannot be read or the contract certificate has no issuer in it.
   */
  static Optional<ContractChain> read(String pem) {
    List<X509CertificateHolder> chain = new ArrayList<>();
    try (var parser = new PEMParser(new StringReader(pem))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof X509CertificateHolder c) {
          chain.add(c);
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    List<Link> links = new ArrayList<>();
    List<X509CertificateHolder> below = new ArrayList<>();
    for (int i = 0; i < chain.size() && !selfIssued(chain.get(i)); i++) {
      below.add(chain.get(i));
      if (i + 1 < chain.size()) {
        links.add(new Link(chain.get(i), chain.get(i + 1)));
      }
    }
    // the issuer is needed to ask about the contract certificate
    return links.isEmpty()
        ? Optional.empty()
        : Optional.of(new ContractChain(List.copyOf(links), List.copyOf(below)));
  }

  /**
   * Each certificate below the root with its issuer, the last one's being {@code root} (which the
   * chain validated to, whether or not the station sent it).
   */
  List<Link> upTo(X509CertificateHolder root) {
    List<Link> out = new ArrayList<>();
    for (int i = 0; i < belowRoot.size(); i++) {
      out.add(new Link(belowRoot.get(i), i + 1 < belowRoot.size() ? belowRoot.get(i + 1) : root));
    }
    return out;
  }

  X509CertificateHolder leaf() {
    return links.get(0).subject();
  }

  /**
   * Whether each certificate is signed by the next and the leaf is the contract of {@code emaid}:
   * its one CN is the eMAID, hyphens aside and in any letter case (eMI3 writes eMAIDs with or
   * without hyphens).
   */
  boolean isFor(String emaid) {
    return links.stream().allMatch(Link::signed)
        && emaid.replace("-", "").equalsIgnoreCase(commonName().replace("-", ""));
  }

  private String commonName() {
    var cns = leaf().getSubject().getRDNs(BCStyle.CN);
    return cns.length == 1 ? IETFUtils.valueToString(cns[0].getFirst().getValue()) : "";
  }

  private static boolean selfIssued(X509CertificateHolder c) {
    return c.getSubject().equals(c.getIssuer()); // RFC 5280 section 3.2
  }
}
