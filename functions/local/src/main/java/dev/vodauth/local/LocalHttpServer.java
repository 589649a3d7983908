package dev.vodauth.local;

import dev.vodauth.answer.AnswerWriter;
import dev.vodauth.function.VodFunction;
import dev.vodauth.function.VodFunctions;
import dev.vodauth.http.HttpResponse;
import dev.vodauth.log.Redaction;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import io.undertow.server.DefaultByteBufferPool;
import java.net.InetAddress;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioExecutor;
import org.xnio.XnioWorker;

/**
 * Undertow on 127.0.0.1 with one route per function path. Every answer that reaches the app is
 * the functions' JSON (errors: {@code {"RequestId","Code","Message"}}, {@code Cache-Control:
 * no-store}, {@code X-Request-Id}, CORS as the function writes it). Bodies are read on the I/O
 * threads without blocking, so a slow client holds a connection, never a worker thread, and is
 * cut off by {@link Limits}. What Undertow refuses before the app sees it is listed in README.md.
 */
final class LocalHttpServer implements AutoCloseable {
  /** Worker threads: above the benchmark's 32 keep-alive clients, since each call blocks on VOD. */
  static final int WORKER_THREADS = 64;
  static final HttpString REQUEST_ID_HEADER = new HttpString(AnswerWriter.REQUEST_ID_HEADER);
  /** Larger request heads are dropped by Undertow (connection closed). */
  static final int MAX_HEADER_BYTES = 32 * 1024;
  /** How much of an oversized body is read and thrown away before it is refused (see readBody). */
  static final long DISCARD_LIMIT = 8L * 1024 * 1024;

  // Undertow logs through JBoss Logging to java.util.logging: its start-up banner and per-request
  // debug lines stay out of the console. Held here: JUL keeps loggers only weakly.
  private static final Logger[] QUIET = {Logger.getLogger("org.xnio"), Logger.getLogger("org.jboss.threads"),
      Logger.getLogger("io.undertow")};

  static {
    for (Logger logger : QUIET) logger.setLevel(Level.WARNING);
  }

  /** How long a client may take before it is cut off. */
  static final class Limits {
    static final Limits DEFAULT = new Limits(10_000, 10_000, 60_000);

    final int headersMillis;
    final int bodyMillis;
    final int idleMillis;

    /**
     * @param headersMillis request line and headers complete within this from their first byte (else the
     *     connection is closed: there is no request to answer yet)
     * @param bodyMillis the whole body read within this from the end of the headers (else 408)
     * @param idleMillis a keep-alive connection with no request is closed after this
     */
    Limits(int headersMillis, int bodyMillis, int idleMillis) {
      this.headersMillis = headersMillis;
      this.bodyMillis = bodyMillis;
      this.idleMillis = idleMillis;
    }
  }

  private final Map<String, Route> routes;
  /** Writes the answers to paths that belong to no function (404): the first one that answers pages. */
  private final VodFunction front;
  private final Limits limits;
  private XnioWorker worker;
  private Undertow server;
  private int port;

  private LocalHttpServer(Map<String, Route> routes, VodFunction front, Limits limits) {
    this.routes = routes;
    this.front = front;
    this.limits = limits;
  }

  private void listen(int requestedPort) throws IOException {
    worker = Xnio.getInstance(Undertow.class.getClassLoader()).createWorker(OptionMap.builder()
        .set(Options.WORKER_IO_THREADS, 2)
        .set(Options.WORKER_TASK_CORE_THREADS, WORKER_THREADS)
        .set(Options.WORKER_TASK_MAX_THREADS, WORKER_THREADS)
        .set(Options.THREAD_DAEMON, true)
        .set(Options.WORKER_NAME, "vod-auth-local")
        .getMap());
    server = Undertow.builder()
        .setWorker(worker)
        // Heap buffers of 16 KiB: a request head or a body chunk fits one; direct memory stays small.
        .setByteBufferPool(new DefaultByteBufferPool(false, 16 * 1024))
        // Paths and queries reach the app as sent; the core decodes the query.
        .setServerOption(UndertowOptions.DECODE_URL, false)
        .setServerOption(UndertowOptions.ALLOW_UNESCAPED_CHARACTERS_IN_URL, false)
        .setServerOption(UndertowOptions.MAX_HEADER_SIZE, MAX_HEADER_BYTES)
        .setServerOption(UndertowOptions.MAX_HEADERS, 100)
        .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, DISCARD_LIMIT)
        .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, limits.headersMillis)
        .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, limits.idleMillis)
        .setSocketOption(Options.TCP_NODELAY, true)
        .setSocketOption(Options.REUSE_ADDRESSES, true)
        .setSocketOption(Options.BACKLOG, 128)
        // A backstop for a stalled read or write; the body deadline answers 408 before it.
        .setSocketOption(Options.READ_TIMEOUT, limits.headersMillis + limits.bodyMillis + limits.idleMillis)
        .setSocketOption(Options.WRITE_TIMEOUT, 30_000)
        .addHttpListener(requestedPort, InetAddress.getLoopbackAddress().getHostAddress(), this::handle)
        .build();
    try {
      server.start();
    } catch (RuntimeException e) {
      // Undertow wraps a failed bind (port in use) in a RuntimeException: callers handle the IOException.
      if (e.getCause() instanceof IOException) throw (IOException) e.getCause();
      throw e;
    }
    port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
  }

  /** Starts listening on 127.0.0.1 and this port (0 for an ephemeral one). */
  static LocalHttpServer start(VodFunctions functions, int port) throws IOException {
    return start(functions, port, Limits.DEFAULT);
  }

  static LocalHttpServer start(VodFunctions functions, int port, Limits limits) throws IOException {
    long timeout = functions.config().invocationTimeoutMillis();
    Map<String, Route> routes = new LinkedHashMap<>();
    VodFunction front = null;
    for (VodFunction function : functions.all()) {
      String name = function.operation().functionName();
      routes.put("/" + name, new FunctionRoute(function, timeout));
      // The upload-retry pipeline's events, or a direct invocation's message.
      routes.put("/events/" + name, new EventRoute(function, functions.json(), timeout));
      if (front == null && function.operation().servesPagesWithoutTokens()) front = function;
    }
    LocalHttpServer local = new LocalHttpServer(routes, front != null ? front : functions.all().iterator().next(), limits);
    try {
      local.listen(port);
    } catch (IOException | RuntimeException e) {
      local.close();
      throw e;
    }
    return local;
  }

  /** Every route, for the 404: "GET or POST /play-auth, POST /events/play-auth, ... or POST /events/refresh-upload". */
  private String routeList() {
    java.util.List<String> named = new java.util.ArrayList<>();
    for (String path : routes.keySet()) named.add((path.startsWith("/events/") ? "POST " : "GET or POST ") + path);
    String last = named.remove(named.size() - 1);
    return String.join(", ", named) + " or " + last;
  }

  /** The paths served, in order: function paths and their event paths. */
  Iterable<String> paths() {
    return routes.keySet();
  }

  int port() {
    return port;
  }

  /** {@code http://127.0.0.1:<port>} */
  String url() {
    return "http://127.0.0.1:" + port();
  }

  /** On an I/O thread: checks the framing, finds the route, then reads the body without blocking. */
  private void handle(HttpServerExchange exchange) {
    String requestId = UUID.randomUUID().toString();
    String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
    try {
      Route route = routes.get(exchange.getRequestPath());
      VodFunction writer = route == null ? front : route.function();
      String framing = framingError(exchange);
      if (framing != null) {
        int status = framing.startsWith("Transfer-Encoding") ? 501 : 400;
        send(exchange, writer.errorResponse(status, status == 501 ? "NotImplemented" : "MalformedRequest", framing,
            requestId, origin), requestId);
        return;
      }
      if (route == null) {
        send(exchange, front.errorResponse(404, "NotFound", "Nothing is served at " + exchange.getRequestPath()
            + ": use " + routeList() + ".", requestId, origin), requestId);
        return;
      }
      readBody(exchange, route, requestId, origin);
    } catch (RuntimeException e) {
      failed(exchange, e, requestId, origin);
    }
  }

  /**
   * What is wrong with how the body is framed, or null. Undertow's parser has already refused a
   * bad, negative or repeated Content-Length and one given with Transfer-Encoding (its bodiless 400);
   * what is left is a transfer coding it does not read and a body on a GET.
   */
  private static String framingError(HttpServerExchange exchange) {
    HeaderMap headers = exchange.getRequestHeaders();
    HeaderValues lengths = headers.get(Headers.CONTENT_LENGTH);
    HeaderValues encodings = headers.get(Headers.TRANSFER_ENCODING);
    if (encodings != null) {
      String codings = String.join(",", encodings).toLowerCase(Locale.ROOT).replace(" ", "").replace("\t", "");
      if (!codings.equals("chunked")) {
        return "Transfer-Encoding '" + String.join(", ", encodings) + "' is not supported: send the body as is"
            + " with Content-Length, or chunked alone.";
      }
    }
    boolean hasBody = encodings != null || (lengths != null && Long.parseLong(lengths.getFirst().trim()) > 0);
    if (hasBody && exchange.getRequestMethod().equals(Methods.GET)) {
      // Undertow reads no body after a GET: its bytes would be taken for the next request.
      return "A GET request carries no body: send the parameters in the query, or POST them.";
    }
    return null;
  }

  /**
   * Reads the body on the I/O thread, keeping at most one byte past the route's limit, then calls
   * the route on a worker thread. An oversized body is read on and thrown away up to
   * {@link #DISCARD_LIMIT} so the client gets its 413 rather than a reset connection (closing a
   * socket with unread input makes TCP send RST); past that Undertow refuses it outright.
   */
  private void readBody(HttpServerExchange exchange, Route route, String requestId, String origin) {
    exchange.setMaxEntitySize(DISCARD_LIMIT);
    int limit = route.maxBodyBytes();
    ByteArrayOutputStream kept = new ByteArrayOutputStream(Math.min(limit + 1, 4096));
    boolean[] settled = {false}; // callbacks and the deadline all run on this exchange's I/O thread
    XnioExecutor.Key deadline = exchange.getIoThread().executeAfter(() -> {
      if (settled[0]) return;
      settled[0] = true;
      send(exchange, route.function().errorResponse(408, "RequestTimeout", "The request body did not arrive within "
          + limits.bodyMillis + " ms.", requestId, origin), requestId);
    }, limits.bodyMillis, TimeUnit.MILLISECONDS);
    exchange.getRequestReceiver().receivePartialBytes((done, bytes, last) -> {
      if (settled[0]) return;
      int keep = Math.min(bytes.length, limit + 1 - kept.size());
      if (keep > 0) kept.write(bytes, 0, keep);
      if (!last) return;
      settled[0] = true;
      deadline.remove();
      if (kept.size() > limit) {
        send(done, tooLarge(route, requestId, origin), requestId);
        return;
      }
      String body = new String(kept.toByteArray(), StandardCharsets.UTF_8);
      done.dispatch(() -> serve(done, route, body, requestId, origin));
    }, (failed, e) -> {
      if (settled[0]) return;
      settled[0] = true;
      deadline.remove();
      send(failed, e instanceof RequestTooBigException ? tooLarge(route, requestId, origin)
          : route.function().errorResponse(400, "MalformedRequest",
              "The request body is malformed or ended before its Content-Length said.", requestId, origin), requestId);
    });
  }

  private static HttpResponse tooLarge(Route route, String requestId, String origin) {
    return route.function().errorResponse(413, "PayloadTooLarge", "The body is larger than " + route.maxBodyBytes()
        + " bytes.", requestId, origin);
  }

  /** On a worker thread: the function may block on VOD. */
  private void serve(HttpServerExchange exchange, Route route, String body, String requestId, String origin) {
    try {
      send(exchange, route.serve(exchange, body, requestId), requestId);
    } catch (RuntimeException e) {
      failed(exchange, e, requestId, origin);
    }
  }

  /** A defect of ours: the caller gets the functions' own 500, the console the type and a clean message. */
  private void failed(HttpServerExchange exchange, RuntimeException e, String requestId, String origin) {
    System.err.println("request " + requestId + " failed: " + e.getClass().getName() + ": "
        + Redaction.clean(e.getMessage()));
    if (!exchange.isResponseStarted()) {
      send(exchange, front.errorResponse(500, "InternalError", "The function failed unexpectedly.", requestId, origin),
          requestId);
    } else {
      IoUtils.safeClose(exchange.getConnection());
    }
  }

  /**
   * Sends an answer; 204 and HEAD answers go without a body. A request whose body was not read
   * to its end gets {@code Connection: close}, so its rest is never taken for a next request.
   */
  private static void send(HttpServerExchange exchange, HttpResponse response, String requestId) {
    exchange.setStatusCode(response.status());
    HeaderMap out = exchange.getResponseHeaders();
    response.headers().forEach((name, value) -> out.put(new HttpString(name), value));
    out.put(REQUEST_ID_HEADER, requestId);
    if (!exchange.isRequestComplete()) exchange.setPersistent(false);
    byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
    if (response.status() == 204 || bytes.length == 0) {
      exchange.endExchange();
      return;
    }
    out.put(Headers.CONTENT_LENGTH, bytes.length);
    exchange.getResponseSender().send(ByteBuffer.wrap(bytes));
  }

  /** Stops accepting, closes the connections and stops the worker threads. */
  @Override
  public void close() {
    if (server != null) server.stop();
    if (worker == null) return;
    worker.shutdownNow();
    try {
      worker.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
