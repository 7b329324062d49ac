package dev.pncpki.ca.store;

import dev.pncpki.ca.issuance.CertificateRow;
import dev.pncpki.ca.revocation.CertificateStatus;
import dev.pncpki.ca.revocation.RevocationReason;
import dev.pncpki.ca.revocation.RevocationSource;
import java.math.BigInteger;
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
}
