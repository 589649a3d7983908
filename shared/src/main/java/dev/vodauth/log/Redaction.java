package dev.vodauth.log;

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
      Pattern.compile("(?i)(AccessKeySecret|SecurityToken|Signature|AccessKeyId|PlayAuth|UploadAuth|UploadAddress)([\"']?\\s*[=:]\\s*[\"']?)[^&\\s\"',}]+");

  private Redaction() {}

  /** The text with URL queries, signed strings and key=value secrets cut out. */
  public static String clean(String text) {
    if (text == null) return null;
    String s = URL_QUERY.matcher(text).replaceAll("$1?[redacted]");
    s = STRING_TO_SIGN.matcher(s).replaceAll("$1 [redacted]");
    return KEY_VALUE.matcher(s).replaceAll("$1$2[redacted]");
  }
}
