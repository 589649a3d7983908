package dev.vodauth.function;

import static dev.vodauth.function.FunctionFixture.PLAYABLE;
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
 * A VOD message that quotes the keys the call was signed with reaches no answer, failure record or
 * log line: the keys are cut out literally.
 */
@Timeout(30)
class VodMessageRedactionTest {
  private static final String STS_ID = "STS.redact-key-id";
  private static final String STS_SECRET = "redact-sts-secret-Pq9";
  private static final String STS_TOKEN = "CAIS+redact/token=Zr7Qw";

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

  private JsonNode body(HttpResponse response) throws Exception {
    return fixture.json.readTree(response.body());
  }

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
          "CAIS%2Bredact%2Ftoken%3DZr7Qw")) {
        assertFalse(text.contains(secret), "leaked into: " + text);
      }
    }
  }
}
