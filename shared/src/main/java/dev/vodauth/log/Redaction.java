package dev.vodauth.log;

import dev.vodauth.credentials.VodCredentials;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Cleans text that may carry a secret before it is logged or answered: the SDK puts the whole
 * signed URL (AccessKeyId, SecurityToken, Signature) into its network exceptions, and VOD echoes
 * the string it signed in a SignatureDoesNotMatch message.
 */
public final class Redaction {
  private static final Pattern URL_QUERY = Pattern.compile("(https?://[^\\s?\"']*)\\?[^\\s\"']*");
  private static final Pattern STRING_TO_SIGN = Pattern.compile("(?is)(string\\s*to\\s*sign\\s*(is)?\\s*:?).*");
  private static final Pattern KEY_VALUE =
      Pattern.compile("(?i)(AccessKeySecret|SecurityToken|Signature|AccessKeyId|PlayAuth|PlayKey|UploadAuth|UploadAddress)([\"']?\\s*[=:]\\s*[\"']?)[^&\\s\"',}]+");

  private Redaction() {}

  /**
   * The text with the exact keys the function signed with cut out, wherever and however VOD
   * quotes them (a message such as "token X is not valid for key Y" matches no pattern): the
   * secret and the token, bare or URL-encoded, become {@code [redacted]}; the AccessKeyId its first
   * four characters. Then {@link #clean}.
   */
  public static String withoutKeys(String text, VodCredentials keys) {
    if (text == null) return null;
    String s = text;
    if (keys != null) {
      s = cut(s, keys.accessKeySecret(), "[redacted]");
      s = cut(s, keys.securityToken(), "[redacted]");
      s = cut(s, keys.accessKeyId(), keys.maskedAccessKeyId());
    }
    return clean(s);
  }

  private static String cut(String text, String secret, String replacement) {
    if (secret == null || secret.isEmpty()) return text;
    String s = text.replace(secret, replacement);
    String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
    return encoded.equals(secret) ? s : s.replace(encoded, replacement);
  }

  /** The text with URL queries, signed strings and key=value secrets cut out. */
  public static String clean(String text) {
    if (text == null) return null;
    String s = URL_QUERY.matcher(text).replaceAll("$1?[redacted]");
    s = STRING_TO_SIGN.matcher(s).replaceAll("$1 [redacted]");
    return KEY_VALUE.matcher(s).replaceAll("$1$2[redacted]");
  }
}
