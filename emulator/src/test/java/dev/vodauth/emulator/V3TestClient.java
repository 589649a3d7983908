package dev.vodauth.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A VOD client that signs with the V3 signature ({@code ACS3-HMAC-SHA256}) on its own, written from Alibaba Cloud's
 * "Request syntax and signature method V3" page, not from the emulator's verifier:
 *
 * <pre>
 * CanonicalRequest = METHOD \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n SignedHeaders \n
 *                    HashedRequestPayload
 * StringToSign     = "ACS3-HMAC-SHA256" \n hex(SHA256(CanonicalRequest))
 * Signature        = hex(HMAC-SHA256(AccessKeySecret, StringToSign))
 * Authorization    = ACS3-HMAC-SHA256 Credential=AccessKeyId,SignedHeaders=...,Signature=...
 * </pre>
 *
 * The query is sorted by name, each name and value percent-encoded (RFC 3986, space %20); the canonical headers are
 * host, content-type and every x-acs-* header, lower-case names, trimmed values, sorted, each line ending in \n.
 */
final class V3TestClient {
  static final String ALGORITHM = "ACS3-HMAC-SHA256";
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String host;

  V3TestClient(VodEmulator emulator) {
    this.host = emulator.endpoint();
  }

  /** A V3 request about to be sent: what is signed, and what may be changed after signing. */
  static final class Request {
    String method = "GET";
    String action;
    String version = "2017-03-21";
    /** Business parameters: in the query for GET, in a form body for POST. */
    final Map<String, String> params = new LinkedHashMap<>();
    String accessKeyId = VodEmulator.EMULATOR_ACCESS_KEY_ID;
    String accessKeySecret = VodEmulator.EMULATOR_ACCESS_KEY_SECRET;
    String securityToken;
    Instant time = Instant.now();
    String nonce = java.util.UUID.randomUUID().toString().replace("-", "");
    /** Signs with this secret instead of the key's own. */
    String signingSecret;
    /** Parameters changed after the signature was computed. */
    final Map<String, String> changedAfterSigning = new LinkedHashMap<>();
    /** Headers sent but left out of the signature (added after signing). */
    final Map<String, String> unsignedHeaders = new LinkedHashMap<>();
    /** Replaces the whole Authorization header when set. */
    String authorizationOverride;
    /** Leaves this header out of the request entirely (and so out of the signature). */
    String omittedHeader;
  }

  RpcTestClient.Answer send(Request request) throws IOException, InterruptedException {
    boolean post = request.method.equals("POST");
    Map<String, String> query = post ? new TreeMap<>() : new TreeMap<>(request.params);
    byte[] body = post ? RpcTestClient.form(request.params).getBytes(StandardCharsets.UTF_8) : new byte[0];

    SortedMap<String, String> headers = new TreeMap<>();
    headers.put("host", host);
    headers.put("x-acs-action", request.action);
    headers.put("x-acs-version", request.version);
    headers.put("x-acs-date", DATE.format(request.time));
    headers.put("x-acs-signature-nonce", request.nonce);
    headers.put("x-acs-content-sha256", sha256Hex(body));
    if (request.securityToken != null) {
      headers.put("x-acs-security-token", request.securityToken);
    }
    if (post) {
      headers.put("content-type", "application/x-www-form-urlencoded");
    }
    if (request.omittedHeader != null) {
      headers.remove(request.omittedHeader);
    }
    String secret = request.signingSecret != null ? request.signingSecret : request.accessKeySecret;
    String authorization = ALGORITHM + " Credential=" + request.accessKeyId + ",SignedHeaders="
        + String.join(";", headers.keySet()) + ",Signature=" + signature(request.method, "/", query, headers, body,
            secret);
    if (request.authorizationOverride != null) {
      authorization = request.authorizationOverride;
    }

    if (!request.changedAfterSigning.isEmpty()) {
      Map<String, String> changed = new LinkedHashMap<>(request.params);
      changed.putAll(request.changedAfterSigning);
      if (post) {
        body = RpcTestClient.form(changed).getBytes(StandardCharsets.UTF_8);
      } else {
        query = new TreeMap<>(changed);
      }
    }
    String target = "http://" + host + "/" + (query.isEmpty() ? "" : "?" + RpcTestClient.form(query));
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(10))
        .header("Authorization", authorization);
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (!header.getKey().equals("host")) {
        builder.header(header.getKey(), header.getValue());
      }
    }
    for (Map.Entry<String, String> header : request.unsignedHeaders.entrySet()) {
      builder.header(header.getKey(), header.getValue());
    }
    builder.method(request.method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(body));
    HttpResponse<String> response =
        http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new RpcTestClient.Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
        response.body());
  }

  /** The signature of a request, from its parts; headers are the signed ones, by lower-case name. */
  static String signature(String method, String canonicalUri, Map<String, String> query,
      SortedMap<String, String> headers, byte[] body, String secret) {
    StringBuilder canonical = new StringBuilder();
    canonical.append(method).append('\n').append(canonicalUri).append('\n');
    canonical.append(RpcTestClient.form(new TreeMap<>(query))).append('\n');
    for (Map.Entry<String, String> header : headers.entrySet()) {
      canonical.append(header.getKey()).append(':').append(header.getValue().trim()).append('\n');
    }
    canonical.append('\n').append(String.join(";", headers.keySet())).append('\n').append(sha256Hex(body));
    String stringToSign = ALGORITHM + "\n" + sha256Hex(canonical.toString().getBytes(StandardCharsets.UTF_8));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return hex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return hex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      out.append(String.format("%02x", b & 0xff));
    }
    return out.toString();
  }
}
