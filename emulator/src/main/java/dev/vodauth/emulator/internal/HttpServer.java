package dev.vodauth.emulator.internal;

import dev.vodauth.emulator.SocketEffect;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A plain-socket HTTP/1.1 server: one thread per keep-alive connection, every byte under its control. */
public final class HttpServer implements Closeable {
  /** Turns requests into replies; called on connection threads, so it must be thread-safe and must not throw. */
  public interface Handler {
    Reply handle(RawRequest request);

    /** The reply to a request that could not be framed; the connection is closed after it. */
    Reply malformed(String reason);
  }

  private static final int STALL_POLL_MILLIS = 100;

  private final Handler handler;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final AtomicInteger threadCount = new AtomicInteger();
  private volatile ServerSocket serverSocket;
  private volatile ExecutorService executor;

  public HttpServer(Handler handler) {
    this.handler = handler;
  }

  /** Binds and starts accepting; port 0 picks an ephemeral port. */
  public synchronized void start(InetAddress address, int port) throws IOException {
    if (serverSocket != null) {
      throw new IllegalStateException("already started");
    }
    if (closed.getCount() == 0) {
      throw new IllegalStateException("closed");
    }
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(address, port), 256);
    String prefix = "vod-emulator-" + socket.getLocalPort();
    // Cached pool: a thread per live connection, so 32 keep-alive clients get 32 threads without queueing.
    executor = Executors.newCachedThreadPool(r -> daemon(r, prefix + "-conn-" + threadCount.incrementAndGet()));
    serverSocket = socket;
    daemon(this::acceptLoop, prefix + "-accept").start();
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }

  public int port() {
    ServerSocket socket = serverSocket;
    if (socket == null) {
      throw new IllegalStateException("call start() first");
    }
    return socket.getLocalPort();
  }

  public boolean isStarted() {
    return serverSocket != null;
  }

  private void acceptLoop() {
    ServerSocket listener = serverSocket;
    while (closed.getCount() > 0) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        return; // close() closed the listener
      }
      open.add(socket);
      try {
        executor.execute(() -> serve(socket));
      } catch (RejectedExecutionException e) {
        closeQuietly(socket);
        open.remove(socket);
      }
      if (closed.getCount() == 0) {
        // close() may have swept the open set just before this socket joined it.
        closeQuietly(socket);
      }
    }
  }

  private void serve(Socket socket) {
    try {
      socket.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
      while (closed.getCount() > 0) {
        RawRequest request;
        try {
          request = HttpCodec.readRequest(in, out);
        } catch (MalformedRequestException e) {
          HttpCodec.write(out, handler.malformed(e.getMessage()), false);
          return;
        }
        if (request == null || !answer(socket, in, out, request)) {
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      // The peer went away, or close() pulled the socket from under us: there is no one left to answer.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeQuietly(socket);
      open.remove(socket);
    }
  }

  /** Answers one request; returns whether the connection stays open for another. */
  private boolean answer(Socket socket, InputStream in, OutputStream out, RawRequest request)
      throws IOException, InterruptedException {
    Reply reply = handler.handle(request);
    if (reply.delayNanos() > 0 && closed.await(reply.delayNanos(), TimeUnit.NANOSECONDS)) {
      return false;
    }
    SocketEffect effect = reply.effect();
    if (effect == SocketEffect.DISCONNECT_AT_START) {
      return false;
    }
    if (effect == SocketEffect.STALL) {
      stall(socket, in);
      return false;
    }
    if (effect == SocketEffect.TRUNCATE_BODY) {
      HttpCodec.writeTruncated(out, reply);
      socket.shutdownOutput();
      return false;
    }
    boolean keepAlive = request.keepAlive();
    HttpCodec.write(out, reply, keepAlive);
    return keepAlive;
  }

  /** Holds the connection without answering until the client hangs up or the server closes. */
  private void stall(Socket socket, InputStream in) throws IOException {
    // Polling reads notice a client that gave up (EOF) and free this thread without waiting for close().
    socket.setSoTimeout(STALL_POLL_MILLIS);
    while (closed.getCount() > 0) {
      try {
        if (in.read() < 0) {
          return;
        }
      } catch (SocketTimeoutException e) {
        // still there, still waiting
      }
    }
  }

  /** Waits up to the given time for close(); returns true if the server closed meanwhile. */
  public boolean awaitClose(long nanos) throws InterruptedException {
    return closed.await(nanos, TimeUnit.NANOSECONDS);
  }

  /** Stops accepting, drops every connection (stalled ones included) and waits briefly for their threads. */
  @Override
  public void close() {
    closed.countDown();
    ServerSocket listener = serverSocket;
    if (listener != null) {
      closeQuietly(listener);
    }
    for (Socket socket : open) {
      closeQuietly(socket);
    }
    ExecutorService pool = executor;
    if (pool != null) {
      pool.shutdownNow();
      try {
        pool.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void closeQuietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      // closing is best effort; the socket is unusable either way
    }
  }
}
