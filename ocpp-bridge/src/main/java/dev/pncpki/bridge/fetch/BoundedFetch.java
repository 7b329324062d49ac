package dev.pncpki.bridge.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP exchange that ends within a deadline, body included ({@link HttpRequest#timeout} stops
 * counting once the headers are in, so a server that sends them and then trickles the body would
 * hold the caller), and reads at most a number of bytes: a larger body is an error, not a truncated
 * answer.
 */
public final class BoundedFetch {
  /** The status and the whole body. */
  public record Fetched(int status, byte[] body) {}

  private BoundedFetch() {}

  public static Fetched send(HttpClient http, HttpRequest request, int maxBytes, Duration deadline)
      throws IOException, InterruptedException {
    CompletableFuture<HttpResponse<byte[]>> exchange =
        http.sendAsync(request, info -> new Limited(maxBytes));
    try {
      HttpResponse<byte[]> response = exchange.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
      return new Fetched(response.statusCode(), response.body());
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw new HttpTimeoutException("no complete answer within " + deadline.toMillis() + " ms");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof IOException io
          ? io
          : new IOException(String.valueOf(cause.getMessage()), cause);
    } catch (InterruptedException e) {
      exchange.cancel(true);
      throw e;
    }
  }

  /** Collects the body, failing once it passes {@code max} bytes. */
  private static final class Limited implements HttpResponse.BodySubscriber<byte[]> {
    private final int max;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    Limited(int max) {
      this.max = max;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer b : buffers) {
        if (out.size() + b.remaining() > max) {
          subscription.cancel();
          result.completeExceptionally(
              new IOException("the answer is larger than " + max + " bytes"));
          return;
        }
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        out.writeBytes(chunk);
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(out.toByteArray());
    }
  }
}
