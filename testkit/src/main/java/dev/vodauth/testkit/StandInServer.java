package dev.vodauth.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;

/** A loopback HTTP server on a free port for a stand-in of a cloud endpoint (the JDK's own server). */
public final class StandInServer implements AutoCloseable {
  private final HttpServer server;

  private StandInServer(HttpServer server) {
    this.server = server;
  }

  /** Started on 127.0.0.1, a free port, answering {@code path} and below with {@code handler}. */
  public static StandInServer start(String path, HttpHandler handler) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(path, handler);
    server.start();
    return new StandInServer(server);
  }

  /** {@code http://127.0.0.1:port}, without a path. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Answers {@code status} with {@code body}, and a Content-Type when one is given. */
  public static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    if (contentType != null) exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
