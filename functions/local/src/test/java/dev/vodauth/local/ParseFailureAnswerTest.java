package dev.vodauth.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The answer in place of Undertow's bodiless errors is the one error body, whatever the reason phrase holds. */
class ParseFailureAnswerTest {
  @Test
  void aReasonPhraseWithQuotesAndBackslashesStillGivesAJsonErrorBody() throws Exception {
    String written = new String(ParseFailureAnswer.answer("r-1", 400, "Bad \"Host\" \\ header"), StandardCharsets.UTF_8);
    String head = written.substring(0, written.indexOf("\r\n\r\n"));
    String body = written.substring(written.indexOf("\r\n\r\n") + 4);

    JsonNode error = new ObjectMapper().readTree(body);

    assertEquals("r-1", error.path("RequestId").asText());
    assertEquals("MalformedRequest", error.path("Code").asText());
    assertEquals("The request is not valid HTTP/1.1: Bad \"Host\" \\ header.", error.path("Message").asText());
    assertTrue(head.contains("Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length), head);
  }
}
