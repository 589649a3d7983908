package dev.vodauth.emulator.internal;

import dev.vodauth.emulator.SocketEffect;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ServerSocketFactory;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * OkHttp's MockWebServer with a dispatcher that hands each request to a {@link Handler} and
 * carries out its {@link Reply}: the delay, then the answer or its socket fault.
 */
public final class HttpServer implements Closeable {
  /** Turns requests into replies; called on connection threads, so it must be thread-safe and must not throw. */
  public interface Handler {
    Reply handle(RawRequest request);
  }

  /** Bodies past this are cut (a cut form body fails its signature); a long run keeps memory bounded. */
  private static final long MAX_BODY = 1024 * 1024;
  // A connection closed without a request or a line it cannot read is logged as a warning with a
  // stack trace: noise in a console, the client learns what it needs from the closed connection.
  // Held here: JUL keeps loggers only weakly.
  private static final Logger QUIET = Logger.getLogger(MockWebServer.class.getName());

  static {
    QUIET.setLevel(Level.SEVERE);
  }

  private final MockWebServer server = new MockWebServer();
  private final CountDownLatch closed = new CountDownLatch(1);

  public HttpServer(Handler handler) {
    server.setBodyLimit(MAX_BODY);
    server.setServerSocketFactory(new NoDelayServerSockets());
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        // MockWebServer queues every request for takeRequest; the handler keeps its own bounded record.
        while (server.takeRequest(0, TimeUnit.NANOSECONDS) != null) {
          // dropped
        }
        RawRequest raw = raw(request);
        return respond(handler.handle(raw), raw.keepAlive());
      }

      @Override
      public void close() {
        closed.countDown();
      }
    });
  }

  /** Binds and starts accepting; port 0 picks an ephemeral port. */
  public void start(InetAddress address, int port) throws IOException {
    server.start(address, port);
  }

  public int port() {
    return server.getPort();
  }

  public boolean isStarted() {
    return server.getStarted();
  }

  /** Requests read, including those that could not be read to their end. */
  public int requestCount() {
    return server.getRequestCount();
  }

  private static RawRequest raw(RecordedRequest request) {
    Map<String, String> headers = new HashMap<>();
    okhttp3.Headers sent = request.getHeaders();
    for (int i = 0; i < sent.size(); i++) headers.put(sent.name(i).toLowerCase(Locale.ROOT), sent.value(i));
    byte[] body = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
    return new RawRequest(request.getMethod(), request.getTarget(), request.getVersion(), headers, body);
  }

  /** The reply as MockWebServer's response, after its delay; the delay ends early if the server closes. */
  private MockResponse respond(Reply reply, boolean keepAlive) throws InterruptedException {
    if (reply.delayNanos() > 0) closed.await(reply.delayNanos(), TimeUnit.NANOSECONDS);
    MockResponse.Builder response = new MockResponse.Builder();
    SocketEffect effect = reply.effect();
    if (effect == SocketEffect.DISCONNECT_AT_START) {
      return response.onResponseStart(new mockwebserver3.SocketEffect.CloseSocket()).build();
    }
    if (effect == SocketEffect.STALL) {
      return response.onResponseStart(mockwebserver3.SocketEffect.Stall.INSTANCE).build();
    }
    response.code(reply.status()).setHeader("Content-Type", reply.contentType());
    for (String[] header : reply.headers()) response.addHeader(header[0], header[1]);
    response.body(new okio.Buffer().write(reply.body()));
    if (effect == SocketEffect.TRUNCATE_BODY) {
      // Closes the socket after half of the body's Content-Length.
      response.onResponseBody(new mockwebserver3.SocketEffect.CloseSocket());
    } else if (!keepAlive) {
      response.setHeader("Connection", "close").onResponseEnd(new mockwebserver3.SocketEffect.CloseSocket());
    }
    return response.build();
  }

  /** Stops accepting and drops every connection, stalled and delayed ones included. */
  @Override
  public void close() {
    server.close();
  }

  /**
   * MockWebServer writes an answer's head and body in separate writes: without TCP_NODELAY, Nagle's
   * algorithm holds the body until the client's delayed ACK (about 40 ms) on a keep-alive
   * connection, which turned a 0.5 ms call into 40 ms on every other call.
   */
  private static final class NoDelayServerSockets extends ServerSocketFactory {
    @Override
    public ServerSocket createServerSocket() throws IOException {
      return new ServerSocket() {
        @Override
        public Socket accept() throws IOException {
          Socket socket = super.accept();
          socket.setTcpNoDelay(true);
          return socket;
        }
      };
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
      throw new UnsupportedOperationException("MockWebServer binds the unbound socket itself");
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
      throw new UnsupportedOperationException("MockWebServer binds the unbound socket itself");
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
      throw new UnsupportedOperationException("MockWebServer binds the unbound socket itself");
    }
  }
}
