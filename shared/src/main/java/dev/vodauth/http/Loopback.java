package dev.vodauth.http;

import java.util.Locale;

/**
 * Whether a host is this machine, told from its text alone (no DNS lookup): plain HTTP is allowed
 * only there. A name such as {@code 127.example.com} is not loopback.
 */
public final class Loopback {
  private Loopback() {}

  /** True for {@code localhost}, {@code ::1} (bracketed or not) and 127.x.x.x literals. */
  public static boolean isLoopback(String host) {
    if (host == null) return false;
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
    return h.equals("localhost") || h.equals("::1") || h.matches("127(\\.\\d{1,3}){3}");
  }
}
