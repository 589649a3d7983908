package dev.vodauth.emulator.internal;

import dev.vodauth.emulator.SocketEffect;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What the protocol engine wants done with one request: a response to write, maybe late, maybe broken. */
public final class Reply {
  private final int status;
  private final String contentType;
  private final byte[] body;
  private final List<String[]> headers;
  private final SocketEffect effect;
  private final long delayNanos;

  private Reply(int status, String contentType, byte[] body, List<String[]> headers, SocketEffect effect, long delayNanos) {
    this.status = status;
    this.contentType = contentType;
    this.body = body;
    this.headers = headers;
    this.effect = effect;
    this.delayNanos = delayNanos;
  }

  public static Reply of(int status, String contentType, byte[] body) {
    return new Reply(status, contentType, body, Collections.<String[]>emptyList(), null, 0L);
  }

  public Reply withHeader(String name, String value) {
    List<String[]> more = new ArrayList<>(headers);
    more.add(new String[] {name, value});
    return new Reply(status, contentType, body, more, effect, delayNanos);
  }

  /** The fault to apply; TRUNCATE_JSON is already baked into the body, so the server writes it as is. */
  public Reply withEffect(SocketEffect newEffect) {
    return new Reply(status, contentType, body, headers, newEffect, delayNanos);
  }

  public Reply withDelayNanos(long nanos) {
    return new Reply(status, contentType, body, headers, effect, nanos);
  }

  public int status() {
    return status;
  }

  public String contentType() {
    return contentType;
  }

  byte[] body() {
    return body;
  }

  List<String[]> headers() {
    return headers;
  }

  public SocketEffect effect() {
    return effect;
  }

  public long delayNanos() {
    return delayNanos;
  }
}
