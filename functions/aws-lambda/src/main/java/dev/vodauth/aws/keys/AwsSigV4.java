package dev.vodauth.aws.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for the one request the function sends: {@code POST /} with no query
 * (Secrets Manager's JSON protocol), signed in its headers: the canonical request, the string to
 * sign, the derived signing key and the {@code Authorization} header
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html).
 * Path and query encoding are left out on purpose: the canonical path is "/" and the query empty.
 * The AWS SDK's signer alone was measured against this one and costs more than it saves
 * (BENCHMARKS.md, "The SigV4 signer").
 *
 * <p>Pure: the time and the keys are arguments. Host, {@code X-Amz-Date} and, with a session
 * token, {@code X-Amz-Security-Token} are always signed; every header the request carries is
 * signed too.
 */
final class AwsSigV4 {
  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  /** Headers the signer sets itself: a request that brings its own is a caller's mistake. */
  private static final Set<String> OWN_HEADERS = Set.of("host", "x-amz-date", "x-amz-security-token", "authorization");
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private AwsSigV4() {}

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

  /**
   * Signs {@code POST /} to {@code host}.
   *
   * @param host the Host header as sent: {@code host} or {@code host:port} for a non-default port
   * @param headers further headers to sign and send (not Host, X-Amz-Date, X-Amz-Security-Token)
   */
  static Signed signPost(String host, Map<String, String> headers, byte[] payload, String region, String service,
      AwsCredentials credentials, Instant at) {
    Objects.requireNonNull(host, "host == null");
    Objects.requireNonNull(payload, "payload == null");
    String amzDate = AMZ_DATE.format(at);
    String date = amzDate.substring(0, 8);

    TreeMap<String, String> canonical = new TreeMap<>();
    for (Map.Entry<String, String> header : headers.entrySet()) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (OWN_HEADERS.contains(name)) throw new IllegalArgumentException("the signer sets " + header.getKey() + " itself");
      canonical.put(name, trimAll(header.getValue()));
    }
    canonical.put("host", trimAll(host));
    canonical.put("x-amz-date", amzDate);
    if (credentials.sessionToken() != null) canonical.put("x-amz-security-token", trimAll(credentials.sessionToken()));
    StringBuilder canonicalHeaders = new StringBuilder();
    for (Map.Entry<String, String> header : canonical.entrySet()) {
      canonicalHeaders.append(header.getKey()).append(':').append(header.getValue()).append('\n');
    }
    String signedHeaders = String.join(";", canonical.keySet());

    // Method, path "/", empty query, headers, signed header names, payload hash.
    String canonicalRequest = "POST\n/\n\n" + canonicalHeaders + '\n' + signedHeaders + '\n' + hex(sha256(payload));
    String scope = date + '/' + region + '/' + service + "/aws4_request";
    String stringToSign = ALGORITHM + '\n' + amzDate + '\n' + scope + '\n'
        + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));

    byte[] key = hmac(("AWS4" + credentials.secretAccessKey()).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(key, region);
    key = hmac(key, service);
    key = hmac(key, "aws4_request");
    String signature = hex(hmac(key, stringToSign));

    Map<String, String> signed = new LinkedHashMap<>();
    signed.put("X-Amz-Date", amzDate);
    if (credentials.sessionToken() != null) signed.put("X-Amz-Security-Token", credentials.sessionToken());
    signed.put("Authorization", ALGORITHM + " Credential=" + credentials.accessKeyId() + '/' + scope
        + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature);
    return new Signed(canonicalRequest, stringToSign, signature, signed);
  }

  /** Leading and trailing spaces removed, inner runs of spaces made one. */
  private static String trimAll(String value) {
    return value.trim().replaceAll("\\s+", " ");
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
