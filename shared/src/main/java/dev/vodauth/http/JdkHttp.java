package dev.vodauth.http;

/**
 * The one JVM-wide setting of the JDK's {@link java.net.HttpURLConnection} this project relies on.
 * The JDK reads it once, when its HTTP client class is first loaded, so every class of ours that
 * opens a connection applies it first: whichever opens the first connection (the VOD SDK, the
 * JWKS fetch) then leaves the same setting behind.
 */
public final class JdkHttp {
  private JdkHttp() {}

  /**
   * HttpURLConnection resends a POST whose connection closed before the answer, once, unseen and
   * with the same SignatureNonce (which VOD may then refuse as used). Retries are ours: counted,
   * re-signed, bounded by the deadline. A value the operator set is kept.
   */
  public static void noSilentPostRetry() {
    if (System.getProperty("sun.net.http.retryPost") == null) System.setProperty("sun.net.http.retryPost", "false");
  }
}
