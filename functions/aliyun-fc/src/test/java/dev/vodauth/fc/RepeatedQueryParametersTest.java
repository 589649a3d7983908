package dev.vodauth.fc;

import static dev.vodauth.fc.FcHarness.SAMPLE_VIDEO;
import static dev.vodauth.fc.FcHarness.fixture;
import static dev.vodauth.fc.FcHarness.roleContext;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * FC hands a repeated query parameter on comma-joined ({@code ?utm=a&utm=b} and
 * {@code ?utm=a%2Cb} both arrive as {@code "utm": "a,b"}); an unknown one is ignored either way.
 */
@Timeout(30)
class RepeatedQueryParametersTest {
  @RegisterExtension final FcHarness fc = FcHarness.fixture();

  private JsonNode get(String name, String value) throws Exception {
    ObjectNode event = (ObjectNode) fixture("http-get.json");
    ((ObjectNode) event.path("queryParameters")).put(name, value);
    return fc.invoke(fc.playAuth, event, roleContext("req-repeated"));
  }

  @Test
  void anUnknownParameterWithACommaIsIgnored() throws Exception {
    JsonNode answer = get("utm", "a,b");
    assertEquals(200, answer.path("statusCode").asInt(), answer.toString());
  }

  @Test
  void aKnownParameterRepeatedWithTheSameValueIsAccepted() throws Exception {
    JsonNode answer = get("videoId", SAMPLE_VIDEO + "," + SAMPLE_VIDEO);
    assertEquals(200, answer.path("statusCode").asInt(), answer.toString());
  }

  @Test
  void aKnownParameterRepeatedWithDifferentValuesIsRefused() throws Exception {
    JsonNode answer = get("videoId", SAMPLE_VIDEO + ",ffffffffffffffffffffffffffffffff");
    assertEquals(400, answer.path("statusCode").asInt(), answer.toString());
    assertEquals("InvalidParameter", FcHarness.JSON.readTree(answer.path("body").asText()).path("Code").asText());
  }
}
