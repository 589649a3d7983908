package dev.vodauth.function;

import static dev.vodauth.function.FunctionFixture.PLAYABLE;
import static dev.vodauth.function.FunctionFixture.UNKNOWN;
import static dev.vodauth.function.FunctionFixture.UPLOADING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodauth.http.HttpRequest;
import dev.vodauth.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A parameter of ours given twice with different values is refused wherever it is given (JSON keys
 * repeated or in another case, event messages); the same value twice is accepted; unknown
 * parameters are ignored however often they come.
 */
@Timeout(30)
class RepeatedParametersTest {
  @RegisterExtension final FunctionFixture fixture = FunctionFixture.started();

  private HttpResponse post(VodFunction function, String json) {
    return function.handleHttp(HttpRequest.builder("POST").header("Content-Type", "application/json").body(json, false).build(),
        FunctionFixture.invocation("http"));
  }

  private JsonNode body(HttpResponse response) throws Exception {
    return fixture.json.readTree(response.body());
  }

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
}
