package dev.pncpki.ca.store;

import dev.pncpki.ca.revocation.CertificateStatus;
import dev.pncpki.ca.revocation.RevocationReason;
import dev.pncpki.ca.revocation.RevocationSource;
import dev.pncpki.ca.revocation.RevokedEntry;
import java.math.BigInteger;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Revocation status from PostgreSQL, the system of record. */
public final class JdbiRevocationSource implements RevocationSource {
  private final Jdbi jdbi;

  public JdbiRevocationSource(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public CertificateStatus status(String issuerId, BigInteger serial) {
    return jdbi.withExtension(CertificateDao.class, d -> d.find(issuerId, serial.toString(16)))
        .filter(CertificateRow::issued)
        .map(
            row ->
                row.revokedAt() == null
                    ? CertificateStatus.GOOD
                    : CertificateStatus.revoked(
                        row.revokedAt(), RevocationReason.ofCode(row.revocationReason())))
        .orElse(CertificateStatus.UNKNOWN);
  }

  @Override
  public List<RevokedEntry> revoked(String issuerId) {
    return jdbi.withExtension(CertificateDao.class, d -> d.revoked(issuerId)).stream()
        .map(JdbiRevocationSource::entry)
        .toList();
  }

  /**
   * One transaction: drawing the number locks the issuer's crl_number row until commit, so a
   * concurrent publisher (another instance) draws the next number only after this one has read its
   * revoked list, and a higher number never lists fewer revocations.
   */
  @Override
  public CrlContent nextCrl(String issuerId) {
    return jdbi.inTransaction(
        h -> {
          var dao = h.attach(CertificateDao.class);
          BigInteger number = BigInteger.valueOf(dao.nextCrlNumber(issuerId));
          return new CrlContent(
              number, dao.revoked(issuerId).stream().map(JdbiRevocationSource::entry).toList());
        });
  }

  private static RevokedEntry entry(CertificateRow row) {
    return new RevokedEntry(
        new BigInteger(row.serial(), 16),
        row.revokedAt(),
        RevocationReason.ofCode(row.revocationReason()));
  }

  @Override
  public BigInteger nextCrlNumber(String issuerId) {
    return BigInteger.valueOf(
        jdbi.withExtension(CertificateDao.class, d -> d.nextCrlNumber(issuerId)));
  }
}
