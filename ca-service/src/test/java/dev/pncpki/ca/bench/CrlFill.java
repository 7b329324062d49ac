package dev.pncpki.ca.bench;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * Revoked certificates written straight into the CA's PostgreSQL for the CRL benchmark: rows as the
 * service keeps them (128-bit serials, issued, revoked with a mix of RFC 5280 reasons and times),
 * with a one-byte placeholder for the certificate body, which no CRL reads. The rows go in already
 * revoked, so the revocation trigger does not fire for them; the benchmark's first publication
 * lists them all.
 */
final class CrlFill implements AutoCloseable {
  private final Connection connection;

  CrlFill(int port) throws SQLException {
    this.connection =
        DriverManager.getConnection(
            "jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
  }

  /** Inserts {@code count} revoked certificates of {@code caId}, in batches of 100,000. */
  void revoked(String caId, int count) throws SQLException {
    String sql =
        """
        insert into certificate (issuer_id, serial, profile, subject_cn, status, requester,
          request_sha256, created_at, not_before, not_after, certificate, revoked_at,
          revocation_reason)
        select ?, '7' || substr(md5('crl-bench-' || i), 2), 'charging-station-client',
          'CS-BENCH-' || i, 'issued', 'crl-benchmark', '\\x00', now(), now(),
          now() + interval '1 year', '\\x00',
          date_trunc('second', now()) - (i % 8640000) * interval '1 second',
          (array[0, 1, 3, 4, 5, 9])[1 + i % 6]
        from generate_series(?, ?) i
        """;
    try (PreparedStatement insert = connection.prepareStatement(sql)) {
      for (int from = 1; from <= count; from += 100_000) {
        insert.setString(1, caId);
        insert.setInt(2, from);
        insert.setInt(3, Math.min(count, from + 99_999));
        insert.executeUpdate();
        CaBenchmark.progress("filled %,d of %,d".formatted(Math.min(count, from + 99_999), count));
      }
    }
    try (Statement s = connection.createStatement()) {
      s.execute("vacuum analyze certificate");
    }
  }

  /** What the CRL must list: serial -> "epochSecond reason" of every unexpired revocation. */
  Map<BigInteger, String> expected(String caId) throws SQLException {
    Map<BigInteger, String> out = new HashMap<>(2_000_000);
    connection.setAutoCommit(false);
    try (PreparedStatement q =
        connection.prepareStatement(
            "select serial, extract(epoch from revoked_at)::bigint, revocation_reason"
                + " from certificate where issuer_id = ? and revoked_at is not null"
                + " and not_after > now()")) {
      q.setFetchSize(50_000);
      q.setString(1, caId);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          out.put(new BigInteger(rs.getString(1), 16), rs.getLong(2) + " " + rs.getInt(3));
        }
      }
    } finally {
      connection.commit();
      connection.setAutoCommit(true);
    }
    return out;
  }

  /** The CA's last CRL number drawn, across all instances. */
  long lastCrlNumber(String caId) throws SQLException {
    try (PreparedStatement q =
        connection.prepareStatement("select last_number from crl_number where issuer_id = ?")) {
      q.setString(1, caId);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
