package dev.vodauth.http;

/**
 * The one JVM-wide setting of the JDK's {@link java.net.HttpURLConnection} (the VOD SDK's HTTP
 * client) this project relies on. The JDK reads it once, when that class is first loaded, so a
 * class of ours that opens such connections applies it before its first one (today only
 * {@code VodClient}; the JWKS fetch uses {@code java.net.http}, which does not read it).
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
