package dev.vodauth.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A tiny VOD RPC client that signs on its own (not with {@link RpcSigner}, and not with the Aliyun SDK), so the
 * tests check the emulator against the protocol rather than against one implementation's habits.
 */
final class RpcTestClient {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  /** One HTTP answer. */
  static final class Answer {
    final int status;
    final String contentType;
    final String body;

    Answer(int status, String contentType, String body) {
      this.status = status;
      this.contentType = contentType;
      this.body = body;
    }

    Map<String, Object> json() {
      return MiniJson.object(body);
    }

    String code() {
      return (String) json().get("Code");
    }
  }

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;
  private String accessKeyId = VodEmulator.EMULATOR_ACCESS_KEY_ID;
  private String accessKeySecret = VodEmulator.EMULATOR_ACCESS_KEY_SECRET;
  private String securityToken;
  private Duration timeout = Duration.ofSeconds(10);

  RpcTestClient(VodEmulator emulator) {
    this.baseUrl = "http://" + emulator.endpoint() + "/";
  }

  RpcTestClient withKey(String id, String secret, String token) {
    this.accessKeyId = id;
    this.accessKeySecret = secret;
    this.securityToken = token;
    return this;
  }

  RpcTestClient withTimeout(Duration newTimeout) {
    this.timeout = newTimeout;
    return this;
  }

  /** The common parameters plus these, unsigned, with a fresh nonce and the current time. */
  Map<String, String> params(String action, String... nameValues) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("Action", action);
    params.put("Version", "2017-03-21");
    params.put("Format", "JSON");
    params.put("AccessKeyId", accessKeyId);
    params.put("SignatureMethod", "HMAC-SHA1");
    params.put("SignatureVersion", "1.0");
    params.put("SignatureNonce", UUID.randomUUID().toString());
    params.put("Timestamp", TIMESTAMP.format(Instant.now()));
    if (securityToken != null) {
      params.put("SecurityToken", securityToken);
    }
    for (int i = 0; i < nameValues.length; i += 2) {
      params.put(nameValues[i], nameValues[i + 1]);
    }
    return params;
  }

  /** Signs with the client's secret, replacing any Signature already there. */
  Map<String, String> sign(String method, Map<String, String> params) {
    return sign(method, params, accessKeySecret);
  }

  static Map<String, String> sign(String method, Map<String, String> params, String secret) {
    Map<String, String> sorted = new TreeMap<>(params);
    sorted.remove("Signature");
    StringBuilder query = new StringBuilder();
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      if (query.length() > 0) {
        query.append('&');
      }
      query.append(encode(e.getKey())).append('=').append(encode(e.getValue()));
    }
    String stringToSign = method + "&" + encode("/") + "&" + encode(query.toString());
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec((secret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      String signature = Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
      Map<String, String> signed = new LinkedHashMap<>(params);
      signed.put("Signature", signature);
      return signed;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Alibaba Cloud's variant of URL encoding: %20 for space, %2A for *, ~ left alone. */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
  }

  static String form(Map<String, String> params) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> e : params.entrySet()) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(encode(e.getKey())).append('=').append(encode(e.getValue()));
    }
    return out.toString();
  }

  /** Signs and sends as GET with everything in the query string. */
  Answer get(String action, String... nameValues) throws IOException, InterruptedException {
    return sendGet(sign("GET", params(action, nameValues)));
  }

  /** Signs and sends as POST with everything in a form body. */
  Answer post(String action, String... nameValues) throws IOException, InterruptedException {
    return sendPost(sign("POST", params(action, nameValues)));
  }

  Answer sendGet(Map<String, String> params) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + "?" + form(params))).GET());
  }

  Answer sendPost(Map<String, String> params) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(baseUrl))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(params), StandardCharsets.UTF_8)));
  }

  /** POST with the common parameters in the query string and the rest in the body, as some SDKs send it. */
  Answer sendSplitPost(Map<String, String> query, Map<String, String> body) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + "?" + form(query)))
        .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
        .POST(HttpRequest.BodyPublishers.ofString(form(body), StandardCharsets.UTF_8)));
  }

  private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
        response.body());
  }
}
