package dev.pncpki.ca.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Group commits on a real PostgreSQL: one bad write fails its own caller and nobody else. */
class GroupCommitIT {
  private static EmbeddedPostgres postgres;
  private static Jdbi jdbi;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    jdbi = Jdbi.create(postgres.getPostgresDatabase());
    jdbi.useHandle(h -> h.execute("create table item (name text primary key)"));
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  @Test
  void aRoundWithOneBrokenWriteCommitsTheOthersAndFailsOnlyThatOne() throws Exception {
    jdbi.useHandle(h -> h.execute("insert into item values ('taken')"));
    var commits =
        new GroupCommit<String>(
            jdbi,
            (h, names) -> {
              for (String n : names) {
                h.execute("insert into item values (?)", n);
              }
            });
    int callers = 40;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    var go = new CountDownLatch(1);
    List<Future<?>> results = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      String name = i == 17 ? "taken" : "item-" + i;
      results.add(
          pool.submit(
              () -> {
                go.await();
                commits.commit(name);
                return null;
              }));
    }
    go.countDown();
    for (int i = 0; i < callers; i++) {
      if (i == 17) {
        try {
          results.get(i).get();
          throw new AssertionError("the duplicate was committed");
        } catch (java.util.concurrent.ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(UnableToExecuteStatementException.class);
          assertThat(e.getCause()).hasMessageContaining("duplicate key");
        }
      } else {
        results.get(i).get();
      }
    }
    pool.shutdown();
    int stored = jdbi.withHandle(h -> h.select("select count(*) from item").mapTo(int.class).one());
    assertThat(stored).isEqualTo(callers); // 39 new ones and the one taken before
  }
}
