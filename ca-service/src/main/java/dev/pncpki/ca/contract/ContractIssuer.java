package dev.pncpki.ca.contract;

import dev.pncpki.ca.auth.Caller;
import dev.pncpki.ca.issuance.CertificateAuthority;
import dev.pncpki.ca.issuance.CertificateRow;
import dev.pncpki.ca.issuance.Idempotency;
import dev.pncpki.ca.issuance.IssuanceState;
import dev.pncpki.ca.issuance.IssuedCertificate;
import dev.pncpki.ca.issuance.PendingRows;
import dev.pncpki.ca.pem.CertificateInput;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.contract.ContractProvisioner;
import dev.pncpki.contract.envelope.EncryptedContractKey;
import dev.pncpki.policies.profile.CertificateProfile;
import dev.pncpki.policies.profile.SubjectFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * The CA side of one contract provisioning: issues the contract certificate (CN = eMAID, O = the
 * mobility operator) under the MO Sub-CA 2 and records the contract, with its encrypted key, in the
 * same transaction that records the issuance as pending. There, under a per-eMAID lock, it refuses
 * a second live contract for the eMAID, and an eMAID in use by another operator.
 */
final class ContractIssuer implements ContractProvisioner.Issuer<ContractRow> {
  private final CertificateAuthority authority;
  private final Caller caller;
  private final ContractSettings.Tenant mo;
  private final String oem;
  private final CertificateProfile profile;
  private final String emaid;
  private final String pcid;
  private final Integer validityDays;
  private final Optional<Long> replaces;
  private final Optional<Idempotency> idempotency;
  private final ContractRetries retries;

  ContractIssuer(
      CertificateAuthority authority,
      Caller caller,
      ContractSettings.Tenant mo,
      String oem,
      CertificateProfile profile,
      String emaid,
      String pcid,
      Integer validityDays,
      Optional<Long> replaces,
      Optional<Idempotency> idempotency,
      ContractRetries retries) {
    this.authority = authority;
    this.caller = caller;
    this.mo = mo;
    this.oem = oem;
    this.profile = profile;
    this.emaid = emaid;
    this.pcid = pcid;
    this.validityDays = validityDays;
    this.replaces = replaces;
    this.idempotency = idempotency;
    this.retries = retries;
  }

  /** The new contract, as stored: its row and its certificate. */
  @Override
  public ContractRow issue(SubjectPublicKeyInfo contractKey, EncryptedContractKey envelope) {
    var fields =
        new SubjectFields(
            emaid, Optional.of(mo.organizationName()), Optional.of(emaid.substring(0, 2)));
    Draft draft = new Draft(this, envelope);
    IssuedCertificate issued =
        authority.issueForKey(
            caller,
            profile,
            new CertificateAuthority.Subject(fields, contractKey),
            Optional.ofNullable(validityDays),
            idempotency,
            ROWS,
            draft);
    if (!issued.serial().equals(draft.serial)) {
      // a concurrent request with the same idempotency key recorded its issuance first
      return retries.contractOf(issued);
    }
    return new ContractRow(
        draft.id,
        emaid,
        pcid,
        mo.name(),
        oem,
        profile.suite().label(),
        issued.issuerId(),
        issued.serial(),
        envelope.encryptedPrivateKey(),
        envelope.dhPublicKey(),
        replaces.orElse(null),
        null,
        draft.created,
        IssuanceState.ISSUED,
        CertificateInput.der(issued.certificate()),
        issued.notAfter(),
        null,
        null);
  }

  /**
   * A contract on its way into the database; the round that records it sets its id. (A round that
   * is tried again one issuance at a time sets it again.)
   */
  private static final class Draft {
    final ContractIssuer issuer;
    final EncryptedContractKey envelope;
    volatile long id;
    volatile String serial;
    volatile Instant created;

    Draft(ContractIssuer issuer, EncryptedContractKey envelope) {
      this.issuer = issuer;
      this.envelope = envelope;
    }
  }

  /**
   * Records the contracts of a group-commit round: under their eMAIDs' locks, each is checked
   * against the eMAID's contracts, then all are inserted in one batch.
   */
  private static final PendingRows<Draft> ROWS = ContractIssuer::recordAll;

  private static void recordAll(
      PendingRows.Transaction transaction, List<PendingRows.Entry<Draft>> entries) {
    ContractWrites writes = transaction.view(ContractWrites.class);
    List<String> emaids = entries.stream().map(e -> e.item().issuer.emaid).toList();
    if (new HashSet<>(emaids).size() < emaids.size()) {
      // each must see the other's row: the round is tried again one contract at a time
      throw new IllegalStateException("two contracts for one eMAID in one round");
    }
    writes.lockEmaids(emaids);
    Map<String, List<ContractRow>> existing =
        writes.contractsOf(emaids).stream().collect(Collectors.groupingBy(ContractRow::emaid));
    List<NewContract> rows = new ArrayList<>(entries.size());
    for (PendingRows.Entry<Draft> e : entries) {
      ContractIssuer issuer = e.item().issuer;
      issuer.check(existing.getOrDefault(issuer.emaid, List.of()), e.row().createdAt());
      rows.add(issuer.newContract(e.row(), e.item().envelope));
    }
    List<Long> ids = writes.insert(rows);
    for (int i = 0; i < entries.size(); i++) {
      Draft draft = entries.get(i).item();
      draft.id = ids.get(i);
      draft.serial = entries.get(i).row().serial();
      draft.created = entries.get(i).row().createdAt();
      Optional<Long> replaces = draft.issuer.replaces;
      // The old contract counts as replaced once this one's certificate is issued (ContractRow).
      if (replaces.isPresent() && !writes.markReplaced(replaces.get(), draft.id)) {
        throw new RefusedException(
            Refusal.CONTRACT_NOT_ACTIVE, "the contract was renewed meanwhile");
      }
    }
  }

  /** Refuses a second live contract for the eMAID, or one of another operator. */
  private void check(List<ContractRow> existing, Instant now) {
    for (ContractRow c : existing) {
      ContractState status = c.status(now);
      if (status != ContractState.ACTIVE && status != ContractState.PENDING) {
        continue;
      }
      if (replaces.isPresent() && replaces.get() == c.id()) {
        continue; // the contract this renewal replaces
      }
      throw new RefusedException(
          Refusal.CONTRACT_EXISTS,
          c.mo().equals(mo.name())
              ? "eMAID "
                  + emaid
                  + " has a live contract for PCID "
                  + c.pcid()
                  + (c.pcid().equals(pcid) ? "; renew it with an update" : "")
              : "eMAID " + emaid + " is in use by another mobility operator");
    }
    if (replaces.isPresent()
        && existing.stream()
            .noneMatch(c -> c.id() == replaces.get() && c.status(now) == ContractState.ACTIVE)) {
      throw new RefusedException(
          Refusal.CONTRACT_NOT_ACTIVE, "the contract was renewed or revoked meanwhile");
    }
  }

  private NewContract newContract(CertificateRow row, EncryptedContractKey envelope) {
    return new NewContract(
        emaid,
        pcid,
        mo.name(),
        oem,
        profile.suite().label(),
        row.issuerId(),
        row.serial(),
        envelope.encryptedPrivateKey(),
        envelope.dhPublicKey(),
        replaces.orElse(null),
        row.createdAt());
  }
}
