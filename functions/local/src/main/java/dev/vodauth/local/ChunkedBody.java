package dev.vodauth.local;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.conduits.ReadDataStreamSourceConduit;
import io.undertow.server.Connectors;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.server.protocol.http.HttpServerConnection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.ConduitReadableByteChannel;
import org.xnio.conduits.StreamSourceConduit;

/**
 * Reads a chunked request body (RFC 9112 7.1) in place of Undertow's own chunk reader, which
 * closes the connection on a malformed body (a bad chunk size or trailer, or a stream that ends
 * mid-chunk) before the exception reaches the runner, so the client got no answer. This reader
 * throws {@link Malformed} and leaves the connection open: the runner answers 400 in the
 * contract's shape, then closes it. Trailers are checked for syntax and dropped (no function reads
 * them). Bytes read past the body (a pipelined next request) are handed back to the connection.
 */
final class ChunkedBody extends AbstractStreamSourceConduit<StreamSourceConduit> {
  /** A malformed chunked body; the message is written for the client. */
  static final class Malformed extends IOException {
    Malformed(String message) {
      super(message);
    }
  }

  private enum State { SIZE, EXTENSION, SIZE_LF, DATA, DATA_CR, DATA_LF, TRAILER, TRAILER_LF, DONE, FAILED }

  private static final int MAX_SIZE_DIGITS = 15;

  private final HttpServerExchange exchange;
  private final HttpServerConnection connection;
  private State state = State.SIZE;
  private int sizeDigits;
  private long chunkLeft;
  private long total;
  /** The trailer line being read (its length; 0 at a line start); chunk-extension and trailer bytes so far (capped). */
  private int trailerLine;
  private boolean trailerColon;
  private int overheadBytes;

  private ChunkedBody(StreamSourceConduit raw, HttpServerExchange exchange, HttpServerConnection connection) {
    super(raw);
    this.exchange = exchange;
    this.connection = connection;
  }

  /** Puts this reader in place of Undertow's on the exchange's chunked request body. */
  static void install(HttpServerExchange exchange) {
    HttpServerConnection connection = (HttpServerConnection) exchange.getConnection();
    // What Undertow's reader reads from: the socket, after the bytes read with the request head.
    StreamSourceConduit raw = new ReadDataStreamSourceConduit(connection.getOriginalSourceConduit(), connection);
    connection.getChannel().getSourceChannel().setConduit(new ChunkedBody(raw, exchange, connection));
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    if (state == State.DONE || state == State.FAILED) return -1;
    int copied = 0;
    while (dst.hasRemaining() && state != State.DONE) {
      PooledByteBuffer pooled = connection.getByteBufferPool().allocate();
      boolean keep = false;
      try {
        ByteBuffer raw = pooled.getBuffer();
        int r = next.read(raw);
        if (r == 0) break;
        if (r == -1) throw fail("it ended before its last chunk (cut short).");
        raw.flip();
        copied += decode(raw, dst);
        if (raw.hasRemaining()) {
          connection.ungetRequestBytes(pooled);
          keep = true;
        }
      } finally {
        if (!keep) pooled.close();
      }
    }
    if (state == State.DONE) Connectors.terminateRequest(exchange);
    return copied == 0 && state == State.DONE ? -1 : copied;
  }

  /** Decodes from raw into dst until raw is used up, dst is full or the body ends; returns the body bytes copied. */
  private int decode(ByteBuffer raw, ByteBuffer dst) throws IOException {
    int copied = 0;
    while (raw.hasRemaining() && state != State.DONE) {
      if (state == State.DATA) {
        int n = (int) Math.min(Math.min(raw.remaining(), dst.remaining()), chunkLeft);
        if (n == 0) return copied;
        total += n;
        long max = exchange.getMaxEntitySize();
        if (max > 0 && total > max) {
          state = State.FAILED;
          exchange.setPersistent(false);
          throw new RequestTooBigException();
        }
        int limit = raw.limit();
        raw.limit(raw.position() + n);
        dst.put(raw);
        raw.limit(limit);
        copied += n;
        chunkLeft -= n;
        if (chunkLeft == 0) state = State.DATA_CR;
        continue;
      }
      byte b = raw.get();
      switch (state) {
        case SIZE:
          int digit = Character.digit(b, 16);
          if (digit >= 0 && sizeDigits < MAX_SIZE_DIGITS) {
            chunkLeft = chunkLeft * 16 + digit;
            sizeDigits++;
          } else if (digit >= 0) {
            throw fail("a chunk size is too large.");
          } else if (sizeDigits > 0 && (b == ';' || b == ' ' || b == '\t')) {
            state = State.EXTENSION;
          } else if (sizeDigits > 0 && b == '\r') {
            state = State.SIZE_LF;
          } else {
            throw fail("a chunk size is not a hexadecimal number followed by CRLF.");
          }
          break;
        case EXTENSION:
          if (b == '\r') state = State.SIZE_LF;
          else if (b == '\n' || ++overheadBytes > LocalHttpServer.MAX_HEADER_BYTES) throw fail("a chunk extension is malformed.");
          break;
        case SIZE_LF:
          if (b != '\n') throw fail("a chunk size line does not end with CRLF.");
          state = chunkLeft == 0 ? State.TRAILER : State.DATA;
          sizeDigits = 0;
          break;
        case DATA_CR:
        case DATA_LF:
          if (b != (state == State.DATA_CR ? '\r' : '\n')) throw fail("a chunk's data is longer than its size, or not followed by CRLF.");
          state = state == State.DATA_CR ? State.DATA_LF : State.SIZE;
          break;
        case TRAILER:
          if (b == '\r') {
            if (trailerLine > 0 && !trailerColon) throw fail("a trailer line is not a 'Name: value' field.");
            state = State.TRAILER_LF;
          } else if (b == '\n' || (b < 32 && b != '\t') || b == 127 || (b == ':' && trailerLine == 0)
              || (!trailerColon && (b == ' ' || b == '\t')) || ++overheadBytes > LocalHttpServer.MAX_HEADER_BYTES) {
            throw fail("a trailer line is not a 'Name: value' field.");
          } else {
            trailerColon |= b == ':';
            trailerLine++;
          }
          break;
        case TRAILER_LF:
          if (b != '\n') throw fail("a trailer line does not end with CRLF.");
          state = trailerLine == 0 ? State.DONE : State.TRAILER;
          trailerLine = 0;
          trailerColon = false;
          break;
        default:
          throw new IllegalStateException(state.name());
      }
    }
    return copied;
  }

  private Malformed fail(String message) {
    state = State.FAILED;
    exchange.setPersistent(false);
    return new Malformed(message);
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    for (int i = offset; i < offset + length; i++) {
      if (dsts[i].hasRemaining()) return read(dsts[i]);
    }
    return 0;
  }

  @Override
  public long transferTo(long position, long count, FileChannel target) throws IOException {
    return target.transferFrom(new ConduitReadableByteChannel(this), position, count);
  }

  @Override
  public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target) throws IOException {
    return IoUtils.transfer(new ConduitReadableByteChannel(this), count, throughBuffer, target);
  }
}
