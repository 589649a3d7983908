package dev.vodauth.auth;

import com.nimbusds.jose.jwk.JWKSet;
import dev.vodauth.http.JdkHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches a JWK set over HTTPS (plain HTTP only to loopback, checked in the settings) with
 * {@link HttpURLConnection}, already loaded by the VOD SDK. A socket timeout bounds each read, not
 * a fetch, so the fetch runs on a worker and is given up when its time is out.
 */
final class HttpKeySetFetcher implements KeySetFetcher {
  /** A JWK set is a few KiB; anything far larger is not one. */
  static final int MAX_BYTES = 256 * 1024;

  static {
    // The first connection of the JVM may be this one: the JDK reads the setting then, once.
    JdkHttp.noSilentPostRetry();
  }

  private final URI url;
  private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "jwks-fetch");
    thread.setDaemon(true);
    return thread;
  });

  HttpKeySetFetcher(URI url) {
    this.url = url;
  }

  @Override
  public JWKSet fetch(long timeoutMillis) throws IOException {
    if (timeoutMillis <= 0) throw new IOException("no time left to fetch the keys");
    Future<String> body = workers.submit(() -> get((int) Math.min(Integer.MAX_VALUE, timeoutMillis)));
    String text;
    try {
      text = body.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      body.cancel(true);
      throw new IOException("no answer within " + timeoutMillis + " ms");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
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

  private String get(int timeoutMillis) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
    try {
      connection.setInstanceFollowRedirects(false); // a redirect could lead off HTTPS
      connection.setConnectTimeout(timeoutMillis);
      connection.setReadTimeout(timeoutMillis);
      connection.setRequestProperty("Accept", "application/json, application/jwk-set+json");
      int status = connection.getResponseCode();
      if (status != 200) throw new IOException("HTTP " + status);
      try (InputStream in = connection.getInputStream()) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        for (int n; (n = in.read(chunk)) != -1; ) {
          if (out.size() + n > MAX_BYTES) throw new IOException("HTTP 200 with a body over " + MAX_BYTES + " bytes");
          out.write(chunk, 0, n);
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
      }
    } finally {
      connection.disconnect();
    }
  }
}
