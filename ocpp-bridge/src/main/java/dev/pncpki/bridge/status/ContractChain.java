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
 * its Sub-CAs): the leaf and the certificate that should have issued it.
 */
record ContractChain(X509CertificateHolder leaf, X509CertificateHolder issuer) {

  /** The chain in {@code pem}; empty if it cannot be read or has no issuer for the leaf. */
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
    // the issuer is needed to ask about the contract certificate
    return chain.size() < 2
        ? Optional.empty()
        : Optional.of(new ContractChain(chain.get(0), chain.get(1)));
  }

  /**
   * Whether the issuer signed the leaf and the leaf is the contract of {@code emaid}: its one CN is
   * the eMAID, hyphens aside and in any letter case (eMI3 writes eMAIDs with or without hyphens).
   */
  boolean isFor(String emaid) {
    return signed() && emaid.replace("-", "").equalsIgnoreCase(commonName().replace("-", ""));
  }

  private boolean signed() {
    try {
      return leaf.isSignatureValid(Verifiers.of(issuer.getSubjectPublicKeyInfo()));
    } catch (OperatorCreationException | CertException | RuntimeException e) {
      return false;
    }
  }

  private String commonName() {
    var cns = leaf.getSubject().getRDNs(BCStyle.CN);
    return cns.length == 1 ? IETFUtils.valueToString(cns[0].getFirst().getValue()) : "";
  }
}
