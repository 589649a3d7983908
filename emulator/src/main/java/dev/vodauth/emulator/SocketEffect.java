package dev.vodauth.emulator;

/** A transport fault a scripted response applies instead of a clean answer, named for what the client sees. */
public enum SocketEffect {
  /** Reads the request, then closes the connection without answering. */
  DISCONNECT_AT_START,
  /** Sends the head with the full Content-Length of the real answer, then half the body, then closes. */
  TRUNCATE_BODY,
  /** Sends a complete response whose body is the real answer cut in half (Content-Length matches the cut). */
  TRUNCATE_JSON,
  /** Reads the request and never answers, until the client gives up or the emulator is closed. */
  STALL
}
