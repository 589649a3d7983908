package dev.vodauth.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vodauth.function.VodFunction;
import dev.vodauth.function.VodFunctions;
import dev.vodauth.log.Redaction;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The JDK HTTP server on 127.0.0.1 with one route per function path; anything else is a JSON 404. */
final class LocalHttpServer implements AutoCloseable {
  /** Worker threads: above the benchmark's 32 keep-alive clients, since each call blocks on VOD. */
  static final int THREADS = 64;

  private final HttpServer server;
  private final ExecutorService workers;
  private final Map<String, Route> routes;
  private final ObjectMapper json;
  private final AtomicInteger inFlight = new AtomicInteger();

  private LocalHttpServer(HttpServer server, ExecutorService workers, Map<String, Route> routes, ObjectMapper json) {
    this.server = server;
    this.workers = workers;
    this.routes = routes;
    this.json = json;
  }

  /** Starts listening on 127.0.0.1 and this port (0 for an ephemeral one). */
  static LocalHttpServer start(VodFunctions functions, int port) throws IOException {
    long timeout = functions.config().invocationTimeoutMillis();
    ObjectMapper json = functions.json();
    Map<String, Route> routes = new LinkedHashMap<>();
    for (VodFunction function : new VodFunction[] {functions.playAuth(), functions.refreshUpload()}) {
      String name = function.operation().functionName();
      routes.put("/" + name, new FunctionRoute(function, timeout));
      // DESIGN.md's event contract is refresh-upload's; play-auth takes direct invocations too.
      routes.put("/events/" + name, new EventRoute(function, json, timeout));
    }
    // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed
    // ACK (Nagle's algorithm): every keep-alive answer then waits ~40 ms. Read once, when the first server starts.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
    ExecutorService workers = Executors.newFixedThreadPool(THREADS, daemonThreads());
    LocalHttpServer local = new LocalHttpServer(server, workers, routes, json);
    server.createContext("/", local::dispatch);
    server.setExecutor(workers);
    server.start();
    return local;
  }

  /** The paths served, in order: function paths and their event paths. */
  Iterable<String> paths() {
    return routes.keySet();
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:<port>} */
  String url() {
    return "http://127.0.0.1:" + port();
  }

  private void dispatch(HttpExchange exchange) throws IOException {
    String requestId = UUID.randomUUID().toString();
    inFlight.incrementAndGet();
    try {
      Route route = routes.get(exchange.getRequestURI().getPath());
      if (route == null) {
        Exchanges.sendError(exchange, json, 404, "NotFound",
            "Nothing is served at " + exchange.getRequestURI().getPath() + ": use /play-auth, /refresh-upload or POST"
                + " /events/refresh-upload.", requestId, Map.of());
        return;
      }
      route.serve(exchange, requestId);
    } catch (RuntimeException e) {
      // A defect of ours: the caller gets the functions' own 500, the console the type and a clean message.
      System.err.println("request " + requestId + " failed: " + e.getClass().getName() + ": "
          + Redaction.clean(e.getMessage()));
      Exchanges.sendError(exchange, json, 500, "InternalError", "The function failed unexpectedly.", requestId,
          Map.of());
    } finally {
      inFlight.decrementAndGet();
    }
  }

  /** Stops accepting, lets exchanges in flight finish for up to a second, then stops the workers. */
  @Override
  public void close() {
    // JDK 17's stop(n) waits the whole n seconds even when idle (fixed in 21 by JDK-8304065).
    server.stop(inFlight.get() == 0 ? 0 : 1);
    workers.shutdownNow();
    try {
      workers.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "vod-auth-local-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
