package dev.vodauth.http;

/**
 * Process-wide settings of the JDK's {@code HttpURLConnection}, which the VOD SDK and the JWKS
 * fetch both use. The JDK reads them once, when its HTTP client class is first loaded, so every
 * class of ours that may be first to open a connection applies them in its static initializer.
 */
public final class JdkHttpSettings {
  static {
    // HttpURLConnection resends a POST whose connection closed before the answer, once, unseen and
    // with the same SignatureNonce (which VOD may then refuse as used). Retries are ours: counted,
    // re-signed, bounded by the deadline. An operator's own -Dsun.net.http.retryPost wins.
    if (System.getProperty("sun.net.http.retryPost") == null) System.setProperty("sun.net.http.retryPost", "false");
  }

  private JdkHttpSettings() {}

  /** Applies the settings (once per process; later calls do nothing). */
  public static void apply() {
    // The static initializer above did the work.
  }
}
