package dev.vodauth.auth;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fetches a JWK set over HTTPS (plain HTTP only to loopback, checked in the settings) with the
 * JDK's {@link HttpClient}. The request's timeout bounds the wait for the answer's head, not its
 * body, so the fetch runs on a worker that checks the time after each read, and is given up when
 * its time is out by closing the body's stream, which also closes the connection: a server that
 * trickles bytes holds neither a thread nor a socket past the deadline.
 */
final class HttpKeySetFetcher implements KeySetFetcher {
  /** A JWK set is a few KiB; anything far larger is not one. */
  static final int MAX_BYTES = 256 * 1024;

  private final URI url;
  /** One client per container; redirects not followed (one could lead off HTTPS). */
  private final HttpClient http;
  private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "jwks-fetch");
    thread.setDaemon(true);
    return thread;
  });

  HttpKeySetFetcher(URI url) {
    this.url = url;
    this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofMillis(SigningKeys.MAX_FETCH_MILLIS)).executor(workers).build();
  }

  @Override
  public JWKSet fetch(long timeoutMillis) throws IOException {
    if (timeoutMillis <= 0) throw new IOException("no time left to fetch the keys");
    long giveUpAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    AtomicReference<InputStream> stream = new AtomicReference<>();
    Future<String> body = workers.submit(() -> get(timeoutMillis, giveUpAt, stream));
    String text;
    try {
      text = body.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // Closing the body ends the worker's read and closes the connection, even mid-trickle.
      InputStream open = stream.get();
      if (open != null) open.close();
      body.cancel(true);
      throw new IOException("no answer within " + timeoutMillis + " ms");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      // The request's own timeout is the same deadline, reached first by a hair on a busy machine.
      if (cause instanceof java.net.http.HttpTimeoutException) throw new IOException("no answer within " + timeoutMillis + " ms");
      // Only the kind: a network exception's text could name hosts and ports, never keys, but
      // the kind is all an operator needs beside the URL they configured.
      throw new IOException(cause instanceof IOException && cause.getMessage() != null
          && cause.getMessage().startsWith("HTTP ") ? cause.getMessage() : cause.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
    try {
      return JWKSet.parse(text);
    } catch (ParseException e) {
      throw new IOException("the answer is not a JWK set");
    }
  }

  /**
   * Fetches the body, giving up at {@code giveUpAt} (a {@link System#nanoTime()} value) even when a
   * server trickles bytes: the loop checks the time after each read.
   */
  private String get(long timeoutMillis, long giveUpAt, AtomicReference<InputStream> stream)
      throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofMillis(timeoutMillis))
        .header("Accept", "application/json, application/jwk-set+json").GET().build();
    HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = response.body()) {
      stream.set(in);
      if (response.statusCode() != 200) throw new IOException("HTTP " + response.statusCode());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] chunk = new byte[8192];
      for (int n; (n = in.read(chunk)) != -1; ) {
        if (System.nanoTime() - giveUpAt > 0) throw new IOException("no answer within " + timeoutMillis + " ms");
        if (out.size() + n > MAX_BYTES) throw new IOException("HTTP 200 with a body over " + MAX_BYTES + " bytes");
        out.write(chunk, 0, n);
      }
      return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }
  }
}
