package dev.pncpki.bridge.bench;

import dev.pncpki.ca.bench.BaoServer;
import dev.pncpki.ca.bench.BenchOptions;
import dev.pncpki.ca.bench.CaProcess;
import dev.pncpki.ca.bench.CpuMeter;
import dev.pncpki.ca.bench.ExternalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the renewal and campaign benchmarks run against: OpenBao (Transit keys), the CA service in
 * its own JVM, one PostgreSQL for the bridges, and {@code --bridges} bridge processes that share
 * it, each configured with the {@code stations} BENCH-nnnnn stations and {@code moreConfig}.
 */
final class BenchPeers implements AutoCloseable {
  final BaoServer bao;
  final CaProcess ca;
  final ExternalPostgres database;
  final List<BridgeProcess> bridges = new ArrayList<>();

  private BenchPeers(BaoServer bao, CaProcess ca, ExternalPostgres database) {
    this.bao = bao;
    this.ca = ca;
    this.database = database;
  }

  /** From the benchmark's arguments: bridges, bridge-jar, ca-jar, schemas, ca-jvm-args. */
  static BenchPeers start(String[] args, Path work, int stations, String moreConfig)
      throws Exception {
    int count = Integer.parseInt(ConnectionBenchmark.arg(args, "bridges", "2"));
    String bridgeJar = ConnectionBenchmark.arg(args, "bridge-jar", null);
    String schemas = ConnectionBenchmark.arg(args, "schemas", null);
    Files.createDirectories(work);
    if (Boolean.parseBoolean(ConnectionBenchmark.arg(args, "bridge-jfr", "false"))) {
      System.setProperty("bench.bridgeJfr", "true"); // RenewalBenchmark.bridgeJvm records them
    }
    var options =
        BenchOptions.parse(
            new String[] {
              "--service-jar=" + ConnectionBenchmark.arg(args, "ca-jar", null),
              "--work-dir=" + work,
              "--request-log=false",
              "--service-jvm-args=" + ConnectionBenchmark.arg(args, "ca-jvm-args", "")
            });
    BaoServer bao = BaoServer.start(options.venv(), work);
    CaProcess ca = null;
    ExternalPostgres database = null;
    BenchPeers peers = null;
    try {
      ca = CaProcess.start(options, bao.address(), bao.prepareTransitForCa());
      database = new ExternalPostgres(work.resolve("bridge-postgres"));
      peers = new BenchPeers(bao, ca, database);
      String stationsYaml = RenewalBenchmark.stationsYaml(stations);
      for (int b = 0; b < count; b++) {
        int port = BaoServer.freePort();
        int admin = BaoServer.freePort();
        Path config = work.resolve("bridge-" + b + ".yml");
        Files.writeString(
            config,
            RenewalBenchmark.bridgeConfig(port, admin, ca.baseUrl(), schemas, database.jdbcUrl(), b)
                    .replace("stations:\n", moreConfig + "stations:\n")
                + stationsYaml);
        peers.bridges.add(
            BridgeProcess.start(
                bridgeJar,
                config,
                work.resolve("bridge-" + b + ".log"),
                port,
                admin,
                RenewalBenchmark.bridgeJvm(work, b)));
      }
      return peers;
    } catch (Exception | Error e) {
      if (peers != null) {
        peers.close();
      } else {
        if (database != null) {
          database.close();
        }
        if (ca != null) {
          ca.close();
        }
        bao.close();
      }
      throw e;
    }
  }

  /** A meter over every process here, and the {@code extra} ones (name, pid). */
  CpuMeter cpu() {
    var cpu =
        new CpuMeter()
            .process("benchmark", ProcessHandle.current().pid())
            .process("CA JVM", ca.pid())
            .tree("CA PostgreSQL", () -> ca.postmaster().map(p -> p[0]).orElse(-1L))
            .process("OpenBao", bao.pid())
            .tree("bridge PostgreSQL", database::pid);
    for (int b = 0; b < bridges.size(); b++) {
      cpu.process("bridge " + b, bridges.get(b).pid());
    }
    return cpu;
  }

  @Override
  public void close() throws Exception {
    for (BridgeProcess b : bridges) {
      b.close();
    }
    database.statementReport(25).forEach(line -> System.err.println("[bridge pg] " + line));
    database.close();
    ca.close();
    bao.close();
  }
}
