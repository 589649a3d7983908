package dev.vodauth.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What every answer of every face must be, whatever came in: the documented shape, {@code
 * Cache-Control: no-store}, no Java class name, no planted key, secret or token; a 5xx only for a
 * VOD fault (never a 500, the function's own defect).
 */
public final class AnswerInvariants {
  private static final Pattern JAVA_NAME = Pattern.compile("java\\.|Exception|dev\\.vodauth");
  private static final Set<Integer> STATUSES = Set.of(200, 204, 400, 401, 403, 404, 405, 413, 415, 429, 502, 503, 504);
  private static final Set<String> ERROR_FIELDS = Set.of("RequestId", "Code", "Message");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> secrets;

  /** @param secrets planted keys, secrets and tokens: none may appear in an answer or a log line */
  public AnswerInvariants(List<String> secrets) {
    this.secrets = List.copyOf(secrets);
  }

  /**
   * An HTTP answer.
   *
   * @param vodFaulted whether VOD was scripted to fail for this case: only then may it be a 502 or
   *     503; a 504 {@code VodTimeout} may come of a loaded machine any time; a 500 never
   */
  public void checkHttp(int status, Map<String, String> headers, String body, boolean vodFaulted) {
    String where = status + " " + headers + " " + abbreviate(body);
    assertTrue(STATUSES.contains(status), "undocumented status: " + where);
    if (!vodFaulted && status >= 500) {
      assertTrue(status == 504 && body.contains("VodTimeout"), "a 5xx without a VOD fault: " + where);
    }
    Map<String, String> named = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    named.putAll(headers);
    assertEquals("no-store", named.get("Cache-Control"), "Cache-Control: " + where);
    clean(headers.toString());
    clean(body);
    if (status == 204) {
      assertTrue(body == null || body.isEmpty(), "a 204 with a body: " + where);
      return;
    }
    if (body.startsWith("<")) {
      checkXml(status, body, where);
      return;
    }
    JsonNode tree = parse(body, where);
    if (status == 200) {
      assertSuccess(tree, where);
    } else {
      assertEquals(ERROR_FIELDS, fieldNames(tree), "the error shape: " + where);
      assertTrue(tree.path("Code").isTextual() && tree.path("Message").isTextual() && tree.path("RequestId").isTextual(), where);
    }
  }

  /**
   * A failed event invocation: documented for a VOD fault, a timeout of a loaded machine, and the
   * two refusals that keep messages on their queue (an event source mapping's batch, a Pipe batch
   * over the cap).
   */
  public void checkEventFailure(dev.vodauth.pipeline.EventFailureException failure, boolean vodFaulted) {
    boolean refusal = "UnsupportedEventSource".equals(failure.code()) || "BatchTooLarge".equals(failure.code());
    assertTrue(vodFaulted || refusal || "VodTimeout".equals(failure.code()), "an event failed without a VOD fault: " + failure.getMessage());
    clean(failure.getMessage());
  }

  /** A platform's stream handler called on one event (the runtime's context bound in). */
  public interface StreamCall {
    void handle(InputStream event, OutputStream answer) throws Exception;
  }

  /**
   * One generated event through a platform's stream handler: nothing escapes but the transient
   * failure the platform retries ({@link #checkEventFailure}); what it writes is JSON, a
   * well-formed proxy response or HTTP struct ({@link #checkHttp}) when it has a statusCode, else
   * an event answer ({@link #checkEvent}); no log line holds a secret.
   */
  public void checkStreamCall(StreamCall call, byte[] event, boolean vodFaulted, List<String> logLines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      call.handle(new ByteArrayInputStream(event), out);
    } catch (dev.vodauth.pipeline.EventFailureException transientFailure) {
      checkEventFailure(transientFailure, vodFaulted);
      logLines.forEach(this::cleanLog);
      return;
    } catch (Throwable escaped) {
      fail("escaped the handler: " + escaped, escaped);
    }
    String written = out.toString(StandardCharsets.UTF_8);
    JsonNode answer;
    try {
      answer = new ObjectMapper().readTree(written);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + abbreviate(written), e);
    }
    if (answer.has("statusCode")) {
      assertTrue(answer.path("statusCode").isInt() && answer.path("headers").isObject() && answer.path("body").isTextual()
          && answer.path("isBase64Encoded").isBoolean(), "the HTTP answer's shape: " + abbreviate(written));
      Map<String, String> headers = new TreeMap<>();
      answer.path("headers").fields().forEachRemaining(field -> headers.put(field.getKey(), field.getValue().asText()));
      checkHttp(answer.path("statusCode").asInt(), headers, answer.path("body").asText(), vodFaulted);
    } else {
      checkEvent(answer);
    }
    logLines.forEach(this::cleanLog);
  }

  /** An event's answer: one result, one failure record, or a batch of them. */
  public void checkEvent(JsonNode answer) {
    String where = abbreviate(answer.toString());
    clean(answer.toString());
    assertTrue(answer.isObject(), "not an object: " + where);
    if (answer.has("Results") || answer.has("Failures")) {
      assertTrue(answer.path("Results").isArray() && answer.path("Failures").isArray(), "the batch shape: " + where);
      answer.path("Results").forEach(result -> assertSuccess(result, where));
      answer.path("Failures").forEach(failure -> assertFailureRecord(failure, where));
    } else if (answer.has("Code")) {
      assertFailureRecord(answer, where);
    } else {
      assertSuccess(answer, where);
    }
  }

  /** Text that is logged or thrown: no class name of ours, no planted secret. */
  public void clean(String text) {
    if (text == null) return;
    assertFalse(JAVA_NAME.matcher(text).find(), "a Java name in: " + abbreviate(text));
    for (String secret : secrets) {
      assertFalse(text.contains(secret), "a planted secret in: " + abbreviate(text));
    }
  }

  /** Log lines: secrets only (a defect's line may name its exception type, for the operator). */
  public void cleanLog(String line) {
    for (String secret : secrets) {
      assertFalse(line.contains(secret), "a planted secret in the log: " + abbreviate(line));
    }
    assertFalse(line.contains("\"level\":\"ERROR\""), "a defect was logged: " + abbreviate(line));
  }

  private static void assertFailureRecord(JsonNode failure, String where) {
    assertTrue(failure.path("Code").isTextual() && failure.path("Message").isTextual(), "the failure record: " + where);
  }

  private static void assertSuccess(JsonNode body, String where) {
    assertTrue(body.path("RequestId").isTextual(), "no RequestId: " + where);
    boolean playAuth = body.path("PlayAuth").isTextual() && body.path("VideoMeta").isObject();
    boolean upload = body.path("UploadAuth").isTextual() && body.path("UploadAddress").isTextual() && body.path("VideoId").isTextual();
    assertTrue(playAuth || upload, "not a success shape: " + where);
  }

  private static void checkXml(int status, String body, String where) {
    assertTrue(body.startsWith("<?xml") || body.startsWith("<"), where);
    if (status == 200) {
      assertTrue(body.contains("<GetVideoPlayAuthResponse>") || body.contains("<RefreshUploadVideoResponse>")
          || body.contains("<CreateUploadVideoResponse>"), where);
    } else {
      assertTrue(body.contains("<Error>") && body.contains("<RequestId>") && body.contains("<Code>") && body.contains("<Message>"), where);
    }
  }

  private static JsonNode parse(String body, String where) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return fail("not JSON: " + where);
    }
  }

  private static Set<String> fieldNames(JsonNode tree) {
    Set<String> names = new java.util.TreeSet<>();
    tree.fieldNames().forEachRemaining(names::add);
    return names;
  }

  public static String abbreviate(String text) {
    if (text == null) return "null";
    return text.length() <= 600 ? text : text.substring(0, 600) + "...(" + text.length() + " chars)";
  }
}
