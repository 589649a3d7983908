package dev.vodauth.playauth;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * An application's PlayKey, the HMAC key of its JWTPlayAuths. A secret: its text never appears in
 * {@link #toString()}, a log line, an answer or an error.
 */
public final class PlayKey {
  /** What VOD's SetAppPlayKey accepts and GetAppPlayKey documents: 8 to 20 letters and digits. */
  private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9]{8,20}");

  private final String text;

  private PlayKey(String text) {
    this.text = text;
  }

  /** Whether VOD would accept this as a PlayKey. */
  public static boolean isAcceptable(String text) {
    return text != null && ACCEPTED.matcher(text).matches();
  }

  /**
   * The key.
   *
   * @throws IllegalArgumentException (naming no key) when VOD would not accept it
   */
  public static PlayKey of(String text) {
    if (!isAcceptable(text)) throw new IllegalArgumentException("a PlayKey is 8 to 20 letters and digits");
    return new PlayKey(text);
  }

  /** The key's text: only for signing and for cutting it out of text ({@link dev.vodauth.log.Redaction}). */
  public String text() {
    return text;
  }

  /** The HMAC key: the key's UTF-8 bytes, as Alibaba's own signers use them. */
  byte[] bytes() {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PlayKey && ((PlayKey) o).text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return "PlayKey[redacted]";
  }
}
