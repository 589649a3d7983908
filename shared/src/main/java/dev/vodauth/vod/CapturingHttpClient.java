package dev.vodauth.vod;

import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.CallBack;
import com.aliyuncs.http.FormatType;
import com.aliyuncs.http.HttpClientConfig;
import com.aliyuncs.http.HttpRequest;
import com.aliyuncs.http.HttpResponse;
import com.aliyuncs.http.IHttpClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Future;

/**
 * Wraps the SDK's HTTP client to keep VOD's error responses from the SDK's own JSON reader.
 *
 * <p>The SDK parses every non-2xx body with its hand-written reader, which loops forever on a
 * truncated body, then hands back (or throws) what it read. This wrapper keeps the real response for the calling
 * thread ({@link #takeErrorResponse()}), which {@link VodClient} reads with Jackson, and hands the
 * SDK an empty JSON object in its place. The SDK calls {@code syncInvoke} on the caller's thread.
 */
final class CapturingHttpClient extends IHttpClient {
  private static final byte[] EMPTY_JSON = "{}".getBytes(StandardCharsets.UTF_8);
  private static final ThreadLocal<HttpResponse> ERROR_RESPONSE = new ThreadLocal<>();

  private final IHttpClient delegate;

  CapturingHttpClient(IHttpClient delegate) {
    this.delegate = delegate;
  }

  @Override
  protected void init(HttpClientConfig clientConfig) {
    // The delegate is already initialised.
  }

  @Override
  public HttpResponse syncInvoke(HttpRequest request) throws IOException, ClientException {
    ERROR_RESPONSE.remove();
    HttpResponse response = delegate.syncInvoke(request);
    if (shorterThanDeclared(response)) throw new BodyCutShortException();
    if (response.isSuccess()) return response;
    ERROR_RESPONSE.set(response);
    HttpResponse placeholder = new HttpResponse(response.getUrl());
    placeholder.setStatus(response.getStatus());
    placeholder.setHttpContent(EMPTY_JSON, "UTF-8", FormatType.JSON);
    return placeholder;
  }

  /** A response whose body has fewer bytes than its Content-Length (a client that does not check). */
  private static boolean shorterThanDeclared(HttpResponse response) {
    String declared = null;
    if (response.getHeaders() != null) {
      for (java.util.Map.Entry<String, String> header : response.getHeaders().entrySet()) {
        if ("Content-Length".equalsIgnoreCase(header.getKey())) declared = header.getValue();
      }
    }
    if (declared == null) return false;
    byte[] content = response.getHttpContent();
    try {
      return (content == null ? 0 : content.length) < Long.parseLong(declared.trim());
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** VOD's response stopped before the end of its body: a bad response, not an unreachable VOD. */
  static final class BodyCutShortException extends IOException {
    private static final long serialVersionUID = 1L;

    BodyCutShortException() {
      super("VOD's response ended before the end of its body");
    }
  }

  /** The last non-2xx response received on this thread, or null; clears it. */
  static HttpResponse takeErrorResponse() {
    HttpResponse response = ERROR_RESPONSE.get();
    ERROR_RESPONSE.remove();
    return response;
  }

  @Override
  public Future<HttpResponse> asyncInvoke(HttpRequest request, CallBack callback) throws IOException {
    throw new UnsupportedOperationException("VodClient calls synchronously");
  }

  @Override
  @Deprecated
  public void ignoreSSLCertificate() {
    throw new UnsupportedOperationException("TLS certificates are always checked");
  }

  @Override
  @Deprecated
  public void restoreSSLCertificate() {}

  @Override
  public boolean isSingleton() {
    return delegate.isSingleton();
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
