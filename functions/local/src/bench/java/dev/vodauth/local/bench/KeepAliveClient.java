package dev.vodauth.local.bench;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP/1.1 client on one keep-alive socket: GET, read status, headers and a Content-Length body.
 * Lighter than java.net.http, so that on a 2-core machine the load generator takes little CPU from the server.
 */
final class KeepAliveClient implements Closeable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final byte[] request;
  private final byte[] body = new byte[64 * 1024];

  KeepAliveClient(int port, String pathAndQuery) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(30_000);
    in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    out = socket.getOutputStream();
    request = ("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: */*\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** Sends the GET and reads the whole answer; returns its status. */
  int get() throws IOException {
    out.write(request);
    out.flush();
    String statusLine = line();
    int status = Integer.parseInt(statusLine.substring(9, 12));
    int length = 0;
    for (String header = line(); !header.isEmpty(); header = line()) {
      if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) length = Integer.parseInt(header.substring(15).trim());
    }
    int read = 0;
    while (read < length) {
      int n = in.read(body, 0, Math.min(body.length, length - read));
      if (n < 0) throw new IOException("connection closed in the body");
      read += n;
    }
    return status;
  }

  private String line() throws IOException {
    StringBuilder line = new StringBuilder(64);
    int c;
    while ((c = in.read()) != '\n') {
      if (c < 0) throw new IOException("connection closed");
      if (c != '\r') line.append((char) c);
    }
    return line.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
