package dev.vodauth.fc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in of VOD on a loopback socket that answers RefreshUploadVideo with credentials of the
 * size the real service hands out (the emulator's are about a third of that). An UploadAuth is
 * Base64 of JSON holding a whole STS token; an UploadAddress Base64 of the OSS location:
 *
 * <ul>
 *   <li>SecurityToken: {@code CAIS...}, 2,000 characters (real ones run 1,000 to 2,000, longer
 *       with a session policy, which VOD attaches: the top of the range is taken);
 *   <li>AccessKeyId {@code STS.} + 25 characters, AccessKeySecret 44, Expiration, ExpireUTCTime,
 *       Region;
 *   <li>UploadAddress: Endpoint, a 40-character {@code outin-} bucket, FileName
 *       {@code sv/<uuid-ish>/<uuid-ish>.mp4} with long stems.
 * </ul>
 *
 * It checks no signature (the emulator does that elsewhere); it only counts the calls.
 */
final class RealSizeVod implements AutoCloseable {
  static final int SECURITY_TOKEN_CHARS = 2_000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final SecureRandom random = new SecureRandom();
  private final AtomicInteger calls = new AtomicInteger();

  private RealSizeVod(HttpServer server) {
    this.server = server;
  }

  static RealSizeVod start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    RealSizeVod vod = new RealSizeVod(server);
    server.createContext("/", vod::answer);
    server.start();
    return vod;
  }

  /** host:port, what VOD_ENDPOINT takes (a loopback endpoint is called over plain HTTP). */
  String endpoint() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  int calls() {
    return calls.get();
  }

  private void answer(HttpExchange exchange) throws IOException {
    calls.incrementAndGet();
    Map<String, String> params = form(exchange.getRequestURI().getRawQuery());
    params.putAll(form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
    byte[] body;
    int status = 200;
    if ("RefreshUploadVideo".equals(params.get("Action"))) {
      body = JSON.writeValueAsBytes(refreshUploadVideo(params.get("VideoId")));
    } else {
      status = 404;
      body = "{\"RequestId\":\"0\",\"Code\":\"InvalidAction.NotFound\",\"Message\":\"Not a RefreshUploadVideo call.\"}"
          .getBytes(StandardCharsets.UTF_8);
    }
    exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  ObjectNode refreshUploadVideo(String videoId) {
    ObjectNode uploadAuth = JSON.createObjectNode();
    uploadAuth.put("SecurityToken", "CAIS" + base64Chars(SECURITY_TOKEN_CHARS - 4));
    uploadAuth.put("AccessKeyId", "STS." + alphanumeric(25));
    uploadAuth.put("ExpireUTCTime", "2026-12-01T23:15:00Z");
    uploadAuth.put("AccessKeySecret", alphanumeric(44));
    uploadAuth.put("Expiration", "3600");
    uploadAuth.put("Region", "cn-shanghai");
    ObjectNode uploadAddress = JSON.createObjectNode();
    uploadAddress.put("Endpoint", "https://oss-cn-shanghai.aliyuncs.com");
    uploadAddress.put("Bucket", "outin-" + hex(32));
    String stem = hex(8) + "-" + hex(11) + "-" + hex(12);
    uploadAddress.put("FileName", "sv/" + stem + "/" + stem + ".mp4");
    ObjectNode answer = JSON.createObjectNode();
    answer.put("RequestId", "25818875-5F78-4A13-BEF6-" + hex(12).toUpperCase());
    answer.put("UploadAddress", base64(uploadAddress));
    answer.put("UploadAuth", base64(uploadAuth));
    answer.put("VideoId", videoId);
    return answer;
  }

  private static String base64(ObjectNode node) {
    try {
      return Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(node));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private String base64Chars(int count) {
    byte[] bytes = new byte[count];
    random.nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes).substring(0, count);
  }

  private String alphanumeric(int count) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder out = new StringBuilder(count);
    for (int i = 0; i < count; i++) out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    return out.toString();
  }

  private String hex(int count) {
    StringBuilder out = new StringBuilder(count);
    for (int i = 0; i < count; i++) out.append(Character.forDigit(random.nextInt(16), 16));
    return out.toString();
  }

  private static Map<String, String> form(String encoded) {
    Map<String, String> params = new HashMap<>();
    if (encoded == null || encoded.isEmpty()) return params;
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) continue;
      params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
