package dev.vodauth.aws;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for a request signed in its headers: the canonical request, the string
 * to sign, the derived signing key and the {@code Authorization} header
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html).
 *
 * <p>Pure: the time and the keys are arguments. The path is the decoded absolute path and is
 * URI-encoded once per segment (no dot-segment normalisation; Secrets Manager's path is "/"); the
 * raw query is decoded and re-encoded per the rules, sorted by name then value. Host,
 * {@code X-Amz-Date} and, with a session token, {@code X-Amz-Security-Token} are always signed;
 * every header the request carries is signed too.
 */
final class AwsSigV4 {
  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  /** Headers the signer sets itself: a request that brings its own is a caller's mistake. */
  private static final Set<String> OWN_HEADERS = Set.of("host", "x-amz-date", "x-amz-security-token", "authorization");
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private AwsSigV4() {}

  /** The parts of a request that are signed. */
  static final class Request {
    final String method;
    final String host;
    final String path;
    final String rawQuery;
    final Map<String, String> headers;
    final byte[] payload;

    /**
     * @param host the Host header as sent: {@code host} or {@code host:port} for a non-default port
     * @param rawQuery the query as on the wire, without '?'; empty or null for none
     * @param headers further headers to sign and send (not Host, X-Amz-Date, X-Amz-Security-Token)
     */
    Request(String method, String host, String path, String rawQuery, Map<String, String> headers, byte[] payload) {
      this.method = Objects.requireNonNull(method, "method == null");
      this.host = Objects.requireNonNull(host, "host == null");
      this.path = path == null || path.isEmpty() ? "/" : path;
      this.rawQuery = rawQuery == null ? "" : rawQuery;
      this.headers = new LinkedHashMap<>(Objects.requireNonNull(headers, "headers == null"));
      this.payload = Objects.requireNonNull(payload, "payload == null").clone();
      for (String name : this.headers.keySet()) {
        if (OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
          throw new IllegalArgumentException("the signer sets " + name + " itself");
        }
      }
    }
  }

  /** A signed request's headers and the intermediate texts (tests compare them with AWS's). */
  static final class Signed {
    private final String canonicalRequest;
    private final String stringToSign;
    private final String signature;
    private final Map<String, String> headers;

    private Signed(String canonicalRequest, String stringToSign, String signature, Map<String, String> headers) {
      this.canonicalRequest = canonicalRequest;
      this.stringToSign = stringToSign;
      this.signature = signature;
      this.headers = Collections.unmodifiableMap(headers);
    }

    String canonicalRequest() {
      return canonicalRequest;
    }

    String stringToSign() {
      return stringToSign;
    }

    String signature() {
      return signature;
    }

    String authorization() {
      return headers.get("Authorization");
    }

    /** The headers to add to the request: X-Amz-Date, X-Amz-Security-Token (with a token), Authorization. */
    Map<String, String> headers() {
      return headers;
    }
  }

  static Signed sign(Request request, String region, String service, AwsCredentials credentials, Instant at) {
    String amzDate = AMZ_DATE.format(at);
    String date = amzDate.substring(0, 8);

    TreeMap<String, String> canonical = new TreeMap<>();
    for (Map.Entry<String, String> header : request.headers.entrySet()) {
      canonical.put(header.getKey().toLowerCase(Locale.ROOT), trimAll(header.getValue()));
    }
    canonical.put("host", trimAll(request.host));
    canonical.put("x-amz-date", amzDate);
    if (credentials.sessionToken() != null) canonical.put("x-amz-security-token", trimAll(credentials.sessionToken()));
    StringBuilder canonicalHeaders = new StringBuilder();
    for (Map.Entry<String, String> header : canonical.entrySet()) {
      canonicalHeaders.append(header.getKey()).append(':').append(header.getValue()).append('\n');
    }
    String signedHeaders = String.join(";", canonical.keySet());

    String canonicalRequest = request.method + '\n' + canonicalPath(request.path) + '\n'
        + canonicalQuery(request.rawQuery) + '\n' + canonicalHeaders + '\n' + signedHeaders + '\n'
        + hex(sha256(request.payload));
    String scope = date + '/' + region + '/' + service + "/aws4_request";
    String stringToSign = ALGORITHM + '\n' + amzDate + '\n' + scope + '\n'
        + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));

    byte[] key = hmac(("AWS4" + credentials.secretAccessKey()).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(key, region);
    key = hmac(key, service);
    key = hmac(key, "aws4_request");
    String signature = hex(hmac(key, stringToSign));

    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Amz-Date", amzDate);
    if (credentials.sessionToken() != null) headers.put("X-Amz-Security-Token", credentials.sessionToken());
    headers.put("Authorization", ALGORITHM + " Credential=" + credentials.accessKeyId() + '/' + scope
        + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature);
    return new Signed(canonicalRequest, stringToSign, signature, headers);
  }

  /** Leading and trailing spaces removed, inner runs of spaces made one. */
  private static String trimAll(String value) {
    return value.trim().replaceAll("\\s+", " ");
  }

  private static String canonicalPath(String path) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < path.length(); ) {
      int slash = path.indexOf('/', i);
      int end = slash < 0 ? path.length() : slash;
      out.append(uriEncode(path.substring(i, end)));
      if (slash < 0) break;
      out.append('/');
      i = slash + 1;
    }
    return out.toString();
  }

  private static String canonicalQuery(String rawQuery) {
    if (rawQuery.isEmpty()) return "";
    List<String[]> pairs = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) continue;
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      pairs.add(new String[] {uriEncode(percentDecode(name)), uriEncode(percentDecode(value))});
    }
    pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    StringBuilder out = new StringBuilder();
    for (String[] pair : pairs) {
      if (out.length() > 0) out.append('&');
      out.append(pair[0]).append('=').append(pair[1]);
    }
    return out.toString();
  }

  /** RFC 3986 encoding of everything but the unreserved characters, upper-case hex. */
  static String uriEncode(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(Character.toUpperCase(HEX[(b >> 4) & 0xf])).append(Character.toUpperCase(HEX[b & 0xf]));
      }
    }
    return out.toString();
  }

  /** %XX escapes decoded as UTF-8; '+' stays a plus (it is not a space in SigV4's rules). */
  private static String percentDecode(String text) {
    if (text.indexOf('%') < 0) return text;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < text.length(); ) {
      if (text.charAt(i) == '%' && i + 2 < text.length()) {
        int high = Character.digit(text.charAt(i + 1), 16);
        int low = Character.digit(text.charAt(i + 2), 16);
        if (high >= 0 && low >= 0) {
          bytes.write(high * 16 + low);
          i += 3;
          continue;
        }
      }
      int codePoint = text.codePointAt(i);
      byte[] raw = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
      bytes.write(raw, 0, raw.length);
      i += Character.charCount(codePoint);
    }
    return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform has HmacSHA256", e);
    }
  }

  static String hex(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[bytes[i] & 0xf];
    }
    return new String(out);
  }
}
