package dev.vodauth.aws;

import java.util.Locale;

/** Whether a URI's host is this machine, told from its text alone (no DNS): plain HTTP is allowed only there. */
final class Loopback {
  private Loopback() {}

  static boolean isLoopback(String host) {
    if (host == null) return false;
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
    return h.equals("localhost") || h.equals("::1") || h.matches("127(\\.\\d{1,3}){3}");
  }
}
