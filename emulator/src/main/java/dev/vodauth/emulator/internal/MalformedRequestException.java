package dev.vodauth.emulator.internal;

import java.io.IOException;

/** Thrown when bytes on a connection are not an HTTP/1.1 request the server can frame. */
final class MalformedRequestException extends IOException {
  private static final long serialVersionUID = 1L;

  MalformedRequestException(String message) {
    super(message);
  }
}
