package dev.vodauth.function;

import static dev.vodauth.function.FunctionFixture.PLAYABLE;
import static dev.vodauth.function.FunctionFixture.UNKNOWN;
import static dev.vodauth.function.FunctionFixture.UPLOADING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodauth.credentials.VodCredentials;
import dev.vodauth.emulator.ScriptedResponse;
import dev.vodauth.http.HttpRequest;
import dev.vodauth.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The defects of issue 8 that live in the shared core, each as it was reported: repeated JSON
 * keys, repeated unknown parameters, VOD messages that quote the keys, unbounded batches.
 */
@Timeout(30)
class IssueEightTest {
  private static final String STS_ID = "STS.issue8-key-id";
  private static final String STS_SECRET = "issue8-sts-secret-Pq9";
  private static final String STS_TOKEN = "CAIS+issue8/token=Zr7Qw";

  private final FunctionFixture fixture = new FunctionFixture();

  @BeforeEach
  void setUp() throws Exception {
    fixture.start(Map.of());
    fixture.emulator.addStsKey(STS_ID, STS_SECRET, STS_TOKEN);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private HttpResponse post(VodFunction function, String json) {
    return function.handleHttp(HttpRequest.builder("POST").header("Content-Type", "application/json").body(json, false).build(),
        FunctionFixture.invocation("http"));
  }

  private JsonNode body(HttpResponse response) throws Exception {
    return fixture.json.readTree(response.body());
  }

  // 2. Duplicate keys in a JSON body: the last one won.

  @Test
  void jsonBodyWithAParameterTwiceWithDifferentValuesIsRefusedEitherWay() throws Exception {
    for (String json : List.of(
        "{\"VideoId\":\"" + PLAYABLE + "\",\"VideoId\":\"" + UNKNOWN + "\"}",
        "{\"VideoId\":\"" + UNKNOWN + "\",\"VideoId\":\"" + PLAYABLE + "\"}",
        "{\"VideoId\":\"" + PLAYABLE + "\",\"videoid\":\"" + UNKNOWN + "\"}",
        "{\"VideoId\":\"" + PLAYABLE + "\",\"AuthInfoTimeout\":100,\"AuthInfoTimeout\":3000}")) {
      HttpResponse response = post(fixture.functions.playAuth(), json);
      assertEquals(400, response.status(), json);
      assertEquals("InvalidParameter", body(response).path("Code").asText(), json);
      assertTrue(body(response).path("Message").asText().contains("more than once with different values"), json);
    }
    assertEquals(0, fixture.emulator.requestCount(), "no VOD call for a refused body");
  }

  @Test
  void jsonBodyWithTheSameValueTwiceIsAcceptedAsForQueryStrings() throws Exception {
    HttpResponse response = post(fixture.functions.playAuth(),
        "{\"VideoId\":\"" + PLAYABLE + "\",\"VideoId\":\"" + PLAYABLE + "\",\"videoID\":\"" + PLAYABLE + "\"}");
    assertEquals(200, response.status(), response.body());
  }

  @Test
  void eventMessageWithAParameterTwiceWithDifferentValuesIsAFailureRecord() throws Exception {
    VodFunction refresh = fixture.functions.refreshUpload();
    String exact = "{\"VideoId\":\"" + UPLOADING + "\",\"VideoId\":\"" + UNKNOWN + "\",\"Context\":{\"u\":1}}";
    String cased = "{\"VideoId\":\"" + UPLOADING + "\",\"videoId\":\"" + UNKNOWN + "\"}";
    List<JsonNode> messages = List.of(
        fixture.functions.json().readTree(exact), // as the adapters parse an event
        fixture.functions.json().getNodeFactory().textNode(exact), // JSON text in a queue message
        fixture.functions.json().readTree(cased));
    for (JsonNode message : messages) {
      ObjectNode answer = refresh.handleEvent(message, FunctionFixture.invocation("direct"));
      assertEquals("InvalidParameter", answer.path("Code").asText(), message.toString());
      assertTrue(answer.path("Message").asText().contains("more than once with different values"), answer.toString());
    }
    assertEquals(0, fixture.emulator.requestCount());
  }

  // 3. Unknown parameters repeated were refused.

  @Test
  void unknownParametersAreIgnoredEvenWhenRepeated() throws Exception {
    HttpResponse query = fixture.functions.playAuth().handleHttp(
        HttpRequest.builder("GET").rawQuery("VideoId=" + PLAYABLE + "&utm=a&utm=b&UTM=c").build(), FunctionFixture.invocation("http"));
    assertEquals(200, query.status(), query.body());
    HttpResponse json = post(fixture.functions.playAuth(), "{\"VideoId\":\"" + PLAYABLE + "\",\"utm\":\"a\",\"utm\":\"b\",\"Utm\":[1]}");
    assertEquals(200, json.status(), json.body());
    HttpResponse form = fixture.functions.playAuth().handleHttp(HttpRequest.builder("POST")
        .header("Content-Type", "application/x-www-form-urlencoded").body("VideoId=" + PLAYABLE + "&x=1&x=2", false).build(),
        FunctionFixture.invocation("http"));
    assertEquals(200, form.status(), form.body());
    ObjectNode event = fixture.functions.refreshUpload().handleEvent(
        fixture.functions.json().readTree("{\"VideoId\":\"" + UPLOADING + "\",\"tag\":1,\"tag\":2}"), FunctionFixture.invocation("direct"));
    assertTrue(event.path("UploadAuth").isTextual(), event.toString());
  }

  // 6. Literal redaction of the keys the function signed with.

  @Test
  void aVodMessageQuotingTheKeysNeverReachesAnAnswerARecordOrALogLine() throws Exception {
    String message = "The specified token " + STS_TOKEN + " is not valid for key " + STS_ID + " (secret " + STS_SECRET + ")";
    VodCredentials sts = VodCredentials.of(STS_ID, STS_SECRET, STS_TOKEN);
    List<String> seen = new ArrayList<>();

    fixture.emulator.enqueue(ScriptedResponse.error(400, "InvalidParameter.Token", message));
    HttpResponse http = fixture.functions.playAuth().handleHttp(HttpRequest.builder("GET").rawQuery("VideoId=" + PLAYABLE).build(),
        FunctionFixture.invocation("http").withCredentials(sts));
    assertEquals(502, http.status(), http.body());
    assertEquals("InvalidParameter.Token", body(http).path("Code").asText());
    assertTrue(body(http).path("Message").asText().startsWith("The specified token"), http.body());
    seen.add(http.body());
    seen.add(http.headers().toString());

    fixture.emulator.enqueue(ScriptedResponse.error(400, "InvalidParameter.Token", message));
    ObjectNode record = fixture.functions.refreshUpload().handleEvent(
        fixture.json.createObjectNode().put("VideoId", UPLOADING), FunctionFixture.invocation("direct").withCredentials(sts));
    assertEquals("InvalidParameter.Token", record.path("Code").asText(), record.toString());
    seen.add(record.toString());

    // The container's own long-lived keys, quoted by VOD the same way.
    fixture.emulator.enqueue(ScriptedResponse.error(400, "InvalidParameter.Token",
        "key " + FunctionFixture.KEY_ID + " secret " + FunctionFixture.KEY_SECRET));
    HttpResponse own = fixture.functions.refreshUpload().handleHttp(
        HttpRequest.builder("GET").rawQuery("VideoId=" + UPLOADING).build(), FunctionFixture.invocation("http"));
    assertEquals(502, own.status());
    seen.add(own.body());
    seen.addAll(fixture.logLines);

    assertTrue(fixture.logLines.size() >= 3);
    for (String text : seen) {
      for (String secret : List.of(STS_TOKEN, STS_ID, STS_SECRET, FunctionFixture.KEY_ID, FunctionFixture.KEY_SECRET,
          "CAIS%2Bissue8%2Ftoken%3DZr7Qw")) {
        assertFalse(text.contains(secret), "leaked into: " + text);
      }
    }
  }

  // 7. Batches had no bound.

  @Test
  void aBatchOverTheCapIsRefusedAsAWholeWithoutAVodCall() throws Exception {
    List<JsonNode> batch = new ArrayList<>();
    for (int i = 0; i < 11; i++) batch.add(fixture.json.createObjectNode().put("VideoId", UPLOADING));

    ObjectNode answer = fixture.functions.refreshUpload().handleEventBatch(batch, FunctionFixture.invocation("direct"));

    assertEquals(0, answer.path("Results").size(), answer.toString());
    assertEquals(1, answer.path("Failures").size(), answer.toString());
    JsonNode failure = answer.path("Failures").get(0);
    assertEquals("BatchTooLarge", failure.path("Code").asText());
    assertTrue(failure.path("Message").asText().contains("10"), failure.toString());
    assertEquals(0, fixture.emulator.requestCount());
    assertTrue(fixture.logLines.get(fixture.logLines.size() - 1).contains("BatchTooLarge"), fixture.logLines.toString());

    // At the cap, every message is answered.
    ObjectNode full = fixture.functions.refreshUpload().handleEventBatch(batch.subList(0, 10), FunctionFixture.invocation("direct"));
    assertEquals(10, full.path("Results").size(), full.toString());
  }

  @Test
  void theCapIsASetting() throws Exception {
    fixture.close();
    FunctionFixture small = new FunctionFixture().start(Map.of("EVENT_BATCH_MAX_MESSAGES", "2"));
    try {
      List<JsonNode> batch = new ArrayList<>();
      for (int i = 0; i < 3; i++) batch.add(small.json.createObjectNode().put("VideoId", UPLOADING));
      ObjectNode answer = small.functions.refreshUpload().handleEventBatch(batch, FunctionFixture.invocation("direct"));
      assertEquals("BatchTooLarge", answer.path("Failures").get(0).path("Code").asText(), answer.toString());
      assertTrue(answer.path("Failures").get(0).path("Message").asText().contains("at most 2"), answer.toString());
    } finally {
      small.close();
    }
  }

  @Test
  void theCapIsReadFromTheEnvironmentWithItsBounds() {
    assertEquals(10, dev.vodauth.config.Config.from(Map.of()).eventBatchMaxMessages());
    assertEquals(100, dev.vodauth.config.Config.from(Map.of("EVENT_BATCH_MAX_MESSAGES", "100")).eventBatchMaxMessages());
    for (String bad : List.of("0", "101", "ten")) {
      IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
          () -> dev.vodauth.config.Config.from(Map.of("EVENT_BATCH_MAX_MESSAGES", bad)));
      assertEquals("EVENT_BATCH_MAX_MESSAGES must be a whole number between 1 and 100, got '" + bad + "'", e.getMessage());
    }
  }
}
