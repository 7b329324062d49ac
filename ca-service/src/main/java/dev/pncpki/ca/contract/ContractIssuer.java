package dev.pncpki.ca.contract;

import dev.pncpki.ca.auth.Caller;
import dev.pncpki.ca.issuance.CertificateAuthority;
import dev.pncpki.ca.issuance.IssuedCertificate;
import dev.pncpki.ca.problem.Problem;
import dev.pncpki.ca.problem.ProblemException;
import dev.pncpki.ca.store.CertificateRow;
import dev.pncpki.ca.store.ContractDao;
import dev.pncpki.ca.store.ContractRow;
import dev.pncpki.ca.store.ContractStatements;
import dev.pncpki.contract.ContractProvisioner;
import dev.pncpki.contract.envelope.EncryptedContractKey;
import dev.pncpki.policies.profile.CertificateProfile;
import dev.pncpki.policies.profile.SubjectFields;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.jdbi.v3.core.Handle;

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

  ContractIssuer(
      CertificateAuthority authority,
      Caller caller,
      ContractSettings.Tenant mo,
      String oem,
      CertificateProfile profile,
      String emaid,
      String pcid,
      Integer validityDays,
      Optional<Long> replaces) {
    this.authority = authority;
    this.caller = caller;
    this.mo = mo;
    this.oem = oem;
    this.profile = profile;
    this.emaid = emaid;
    this.pcid = pcid;
    this.validityDays = validityDays;
    this.replaces = replaces;
  }

  /** The new contract, as stored: its row and its certificate. */
  @Override
  public ContractRow issue(SubjectPublicKeyInfo contractKey, EncryptedContractKey envelope) {
    var fields =
        new SubjectFields(
            emaid, Optional.of(mo.organizationName()), Optional.of(emaid.substring(0, 2)));
    long[] id = new long[1];
    Instant[] created = new Instant[1];
    IssuedCertificate issued =
        authority.issueForKey(
            caller,
            profile,
            new CertificateAuthority.Subject(fields, contractKey),
            Optional.ofNullable(validityDays),
            (h, row) -> {
              id[0] = record(h, row, envelope);
              created[0] = row.createdAt();
            });
    return new ContractRow(
        id[0],
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
        created[0],
        "issued",
        CertificateInput.der(issued.certificate()),
        issued.notAfter(),
        null,
        null);
  }

  private long record(Handle h, CertificateRow row, EncryptedContractKey envelope) {
    h.execute("select pg_advisory_xact_lock(hashtext(?))", "contract:" + emaid);
    Instant now = row.createdAt();
    List<ContractRow> existing = ContractStatements.contractsOf(h, emaid);
    for (ContractRow c : existing) {
      String status = c.status(now);
      if (!status.equals("active") && !status.equals("pending")) {
        continue;
      }
      if (replaces.isPresent() && replaces.get() == c.id()) {
        continue; // the contract this renewal replaces
      }
      throw new ProblemException(
          Problem.CONTRACT_EXISTS,
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
            .noneMatch(c -> c.id() == replaces.get() && "active".equals(c.status(now)))) {
      throw new ProblemException(
          Problem.CONTRACT_NOT_ACTIVE, "the contract was renewed or revoked meanwhile");
    }
    long id =
        ContractStatements.insertContract(
            h,
            new ContractDao.NewContract(
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
                row.createdAt()));
    // The old contract counts as replaced once this one's certificate is issued (ContractRow).
    if (replaces.isPresent() && h.attach(ContractDao.class).markReplaced(replaces.get(), id) != 1) {
      throw new ProblemException(Problem.CONTRACT_NOT_ACTIVE, "the contract was renewed meanwhile");
    }
    return id;
  }
}
