package dev.pncpki.ca.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one real OpenBao dev server ({@code bao server -dev}) per test run on a free loopback
 * port, enables Transit, loads the pnc-ca policy and hands tests an {@link OpenBao}. The bao binary
 * comes from the virtual environment that scripts/test prepares (system property or environment
 * variable pnc.venv / PNC_VENV), or from PATH.
 */
public final class OpenBaoExtension implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == OpenBao.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(Server.class, k -> Server.start(), Server.class)
        .bao;
  }

  private static final class Server
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private final Process process;
    private final OpenBao bao;

    private Server(Process process, OpenBao bao) {
      this.process = process;
      this.bao = bao;
    }

    static Server start() {
      try {
        int port;
        port = FreePorts.next();
        String token = UUID.randomUUID().toString();
        Path log = Files.createTempFile("openbao", ".log");
        Process process =
            new ProcessBuilder(
                    List.of(
                        baoBinary(),
                        "server",
                        "-dev",
                        "-dev-root-token-id=" + token,
                        "-dev-listen-address=127.0.0.1:" + port))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        String address = "http://127.0.0.1:" + port;
        awaitHealthy(address, process, log);
        var bao = new OpenBao(address, token);
        bao.prepare();
        return new Server(process, bao);
      } catch (IOException e) {
        throw new IllegalStateException("cannot start OpenBao: " + e.getMessage(), e);
      }
    }

    private static String baoBinary() {
      String venv = System.getProperty("pnc.venv", System.getenv("PNC_VENV"));
      if (venv != null && Files.isExecutable(Path.of(venv, "bin", "bao"))) {
        return Path.of(venv, "bin", "bao").toString();
      }
      return "bao"; // from PATH; scripts/test installs it into the virtual environment
    }

    private static void awaitHealthy(String address, Process process, Path log) throws IOException {
      HttpClient http = HttpClient.newHttpClient();
      Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
      while (Instant.now().isBefore(deadline)) {
        if (!process.isAlive()) {
          throw new IllegalStateException("bao exited: " + Files.readString(log));
        }
        try {
          var response =
              http.send(
                  HttpRequest.newBuilder(URI.create(address + "/v1/sys/health")).build(),
                  HttpResponse.BodyHandlers.discarding());
          if (response.statusCode() == 200) {
            return;
          }
        } catch (IOException notYet) {
          // the listener is not up yet
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      process.destroyForcibly();
      throw new IllegalStateException("OpenBao did not become healthy: " + Files.readString(log));
    }

    @Override
    public void close() {
      process.destroy();
    }
  }
}
