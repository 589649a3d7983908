package dev.vodauth.local;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.vodauth.emulator.UploadCredential;
import dev.vodauth.testkit.StandInServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A stand-in for OSS's multipart upload, as ali-oss's browser client uses it (initiate, upload parts, complete),
 * with CORS as a bucket's rule for a web upload has it. It checks every request as OSS does: the
 * {@code OSS AccessKeyId:Signature} header (HMAC-SHA1, signature version 1) against the secret of a credential the
 * emulator answered, its SecurityToken, and that the object is the one that credential's UploadAddress names.
 *
 * <p>To make an upload outlive its first credential, the first credential used expires right after OSS has
 * accepted one part from it: every later request signed with it gets OSS's 403 {@code SecurityTokenExpired}.
 */
final class OssStandIn implements AutoCloseable {
  private static final Pattern AUTHORIZATION = Pattern.compile("OSS ([^:]+):(.+)");
  private static final Pattern COMPLETED_PART =
      Pattern.compile("<PartNumber>(\\d+)</PartNumber>\\s*<ETag>\"?([0-9A-Fa-f]+)\"?</ETag>");

  private final Function<String, Optional<UploadCredential>> credentials;
  private final StandInServer server;
  private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
  private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
  /** One line per request: what it was, which key signed it, and the answer's status. */
  private final List<String> journal = new CopyOnWriteArrayList<>();
  private volatile String expiringKeyId;
  private volatile boolean expired;

  private OssStandIn(Function<String, Optional<UploadCredential>> credentials) throws IOException {
    this.credentials = credentials;
    this.server = StandInServer.start("/", this::handle);
  }

  /** Started on loopback; {@code credentials} finds the credential the emulator answered for an AccessKeyId. */
  static OssStandIn start(Function<String, Optional<UploadCredential>> credentials) throws IOException {
    return new OssStandIn(credentials);
  }

  /** The endpoint for UploadAddress: {@code http://127.0.0.1:port} (ali-oss then puts the object in the path). */
  String endpoint() {
    return server.url();
  }

  /** The bytes of a completed object, if its upload has completed. */
  Optional<byte[]> object(String key) {
    return Optional.ofNullable(objects.get(key));
  }

  List<String> journal() {
    return List.copyOf(journal);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      Headers answer = exchange.getResponseHeaders();
      answer.set("Access-Control-Allow-Origin", "*");
      answer.set("Access-Control-Expose-Headers", "ETag, x-oss-request-id");
      answer.set("x-oss-request-id", UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT));
      String method = exchange.getRequestMethod();
      if ("OPTIONS".equals(method)) {
        answer.set("Access-Control-Allow-Methods", "GET, PUT, POST, DELETE, HEAD");
        String asked = exchange.getRequestHeaders().getFirst("Access-Control-Request-Headers");
        if (asked != null) answer.set("Access-Control-Allow-Headers", asked);
        answer.set("Access-Control-Max-Age", "600");
        exchange.sendResponseHeaders(200, -1);
        return;
      }
      byte[] body = exchange.getRequestBody().readAllBytes();
      URI uri = exchange.getRequestURI();
      String key = uri.getPath().substring(1);
      Map<String, String> query = query(uri.getRawQuery());
      // What the journal calls this request: the operation, and a part's number.
      String what = operation(method, query) + (query.containsKey("partNumber") ? " " + query.get("partNumber") : "");

      Matcher authorization = AUTHORIZATION.matcher(header(exchange, "Authorization"));
      if (!authorization.matches()) {
        refuse(exchange, what, "-", 403, "AccessDenied", "Anonymous access is forbidden for this operation.");
        return;
      }
      String keyId = authorization.group(1);
      Optional<UploadCredential> found = credentials.apply(keyId);
      if (found.isEmpty()) {
        refuse(exchange, what, keyId, 403, "InvalidAccessKeyId", "The OSS Access Key Id you provided does not exist in our records.");
        return;
      }
      UploadCredential credential = found.get();
      if (!credential.securityToken().equals(header(exchange, "x-oss-security-token"))) {
        refuse(exchange, what, keyId, 403, "InvalidSecurityToken", "The security token you provided is invalid.");
        return;
      }
      if (expired && keyId.equals(expiringKeyId)) {
        refuse(exchange, what, keyId, 403, "SecurityTokenExpired", "The security token you provided has expired.");
        return;
      }
      String expected = signature(credential, stringToSign(exchange, method, credential.bucket(), key, query));
      if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), authorization.group(2).getBytes(StandardCharsets.UTF_8))) {
        refuse(exchange, what, keyId, 403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.");
        return;
      }
      if (!key.equals(credential.fileName())) {
        refuse(exchange, what, keyId, 403, "AccessDenied", "The object is not the one this credential's UploadAddress names.");
        return;
      }
      switch (operation(method, query)) {
        case "InitiateMultipartUpload":
          initiate(exchange, credential, key, keyId);
          return;
        case "UploadPart":
          uploadPart(exchange, key, query, body, keyId);
          return;
        case "CompleteMultipartUpload":
          complete(exchange, key, query, body, keyId);
          return;
        default:
          refuse(exchange, what, keyId, 405, "MethodNotAllowed", "The stand-in serves multipart uploads only.");
      }
    } catch (RuntimeException e) {
      journal.add("stand-in failure: " + e);
      throw e;
    } finally {
      exchange.close();
    }
  }

  private void initiate(HttpExchange exchange, UploadCredential credential, String key, String keyId) throws IOException {
    String uploadId = UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
    uploads.put(uploadId, new Upload(key));
    if (expiringKeyId == null) expiringKeyId = keyId;
    journal.add("InitiateMultipartUpload by " + keyId + ": 200");
    xml(exchange, 200, "<InitiateMultipartUploadResult><Bucket>" + credential.bucket() + "</Bucket><Key>" + key
        + "</Key><UploadId>" + uploadId + "</UploadId></InitiateMultipartUploadResult>");
  }

  private void uploadPart(HttpExchange exchange, String key, Map<String, String> query, byte[] body, String keyId)
      throws IOException {
    Upload upload = uploads.get(query.get("uploadId"));
    if (upload == null || !upload.key.equals(key)) {
      refuse(exchange, "UploadPart " + query.get("partNumber"), keyId, 404, "NoSuchUpload", "The specified upload does not exist.");
      return;
    }
    int partNumber = Integer.parseInt(query.get("partNumber"));
    upload.parts.put(partNumber, body);
    String etag = md5Hex(body);
    journal.add("UploadPart " + partNumber + " by " + keyId + ": 200");
    if (keyId.equals(expiringKeyId)) expired = true;
    exchange.getResponseHeaders().set("ETag", "\"" + etag + "\"");
    exchange.sendResponseHeaders(200, -1);
  }

  private void complete(HttpExchange exchange, String key, Map<String, String> query, byte[] body, String keyId)
      throws IOException {
    Upload upload = uploads.get(query.get("uploadId"));
    if (upload == null || !upload.key.equals(key)) {
      refuse(exchange, "CompleteMultipartUpload", keyId, 404, "NoSuchUpload", "The specified upload does not exist.");
      return;
    }
    ByteArrayOutputStream object = new ByteArrayOutputStream();
    Matcher part = COMPLETED_PART.matcher(new String(body, StandardCharsets.UTF_8));
    int expectedNumber = 1;
    while (part.find()) {
      int number = Integer.parseInt(part.group(1));
      byte[] bytes = upload.parts.get(number);
      if (number != expectedNumber++ || bytes == null || !md5Hex(bytes).equalsIgnoreCase(part.group(2))) {
        refuse(exchange, "CompleteMultipartUpload", keyId, 400, "InvalidPart", "One or more of the specified parts could not be found or the ETag did not match.");
        return;
      }
      object.writeBytes(bytes);
    }
    if (expectedNumber == 1) {
      refuse(exchange, "CompleteMultipartUpload", keyId, 400, "MalformedXML", "The XML you provided was not well-formed.");
      return;
    }
    journal.add("CompleteMultipartUpload of " + (expectedNumber - 1) + " parts by " + keyId + ": 200");
    objects.put(key, object.toByteArray());
    xml(exchange, 200, "<CompleteMultipartUploadResult><Location>" + endpoint() + "/" + key + "</Location><Key>" + key
        + "</Key><ETag>\"" + md5Hex(object.toByteArray()) + "-" + (expectedNumber - 1) + "\"</ETag></CompleteMultipartUploadResult>");
  }

  private void refuse(HttpExchange exchange, String operation, String keyId, int status, String code, String message)
      throws IOException {
    journal.add(operation + " by " + keyId + ": " + status + " " + code);
    xml(exchange, status, "<Error><Code>" + code + "</Code><Message>" + message + "</Message><RequestId>"
        + exchange.getResponseHeaders().getFirst("x-oss-request-id") + "</RequestId><HostId>127.0.0.1</HostId></Error>");
  }

  private static void xml(HttpExchange exchange, int status, String body) throws IOException {
    StandInServer.send(exchange, status, "application/xml",
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + body).getBytes(StandardCharsets.UTF_8));
  }

  private static String operation(String method, Map<String, String> query) {
    if ("POST".equals(method) && query.containsKey("uploads")) return "InitiateMultipartUpload";
    if ("PUT".equals(method) && query.containsKey("partNumber") && query.containsKey("uploadId")) return "UploadPart";
    if ("POST".equals(method) && query.containsKey("uploadId")) return "CompleteMultipartUpload";
    return method + " object";
  }

  /**
   * OSS's signature version 1: VERB, Content-MD5, Content-Type, the date (a browser's {@code x-oss-date}), the
   * {@code x-oss-} headers sorted, then {@code /bucket/object} with its sub-resources sorted (a valueless one bare).
   */
  private static String stringToSign(HttpExchange exchange, String method, String bucket, String key,
      Map<String, String> query) {
    StringBuilder text = new StringBuilder()
        .append(method).append('\n')
        .append(header(exchange, "Content-MD5")).append('\n')
        .append(header(exchange, "Content-Type")).append('\n');
    String ossDate = header(exchange, "x-oss-date");
    text.append(ossDate.isEmpty() ? header(exchange, "Date") : ossDate).append('\n');
    TreeMap<String, String> ossHeaders = new TreeMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.startsWith("x-oss-")) ossHeaders.put(lower, values.get(0).trim());
    });
    ossHeaders.forEach((name, value) -> text.append(name).append(':').append(value).append('\n'));
    text.append('/').append(bucket).append('/').append(key);
    char separator = '?';
    for (Map.Entry<String, String> subresource : new TreeMap<>(query).entrySet()) {
      text.append(separator).append(subresource.getKey());
      if (!subresource.getValue().isEmpty()) text.append('=').append(subresource.getValue());
      separator = '&';
    }
    return text.toString();
  }

  private static String signature(UploadCredential credential, String stringToSign) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(credential.accessKeySecret().getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> query = new TreeMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) return query;
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      query.put(equals < 0 ? pair : pair.substring(0, equals), equals < 0 ? "" : pair.substring(equals + 1));
    }
    return query;
  }

  private static String header(HttpExchange exchange, String name) {
    String value = exchange.getRequestHeaders().getFirst(name);
    return value == null ? "" : value;
  }

  static String md5Hex(byte[] bytes) {
    try {
      StringBuilder hex = new StringBuilder();
      for (byte b : MessageDigest.getInstance("MD5").digest(bytes)) hex.append(String.format("%02X", b));
      return hex.toString();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }

  /** A multipart upload in progress: its object and the parts received, by number. */
  private static final class Upload {
    final String key;
    final Map<Integer, byte[]> parts = new ConcurrentHashMap<>();

    Upload(String key) {
      this.key = key;
    }
  }
}
