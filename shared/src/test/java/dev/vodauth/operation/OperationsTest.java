package dev.vodauth.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vodauth.answer.Answer;
import dev.vodauth.auth.Caller;
import dev.vodauth.config.Config;
import dev.vodauth.log.Redaction;
import dev.vodauth.request.Parameters;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What every operation must hold to, whichever it is: the list drives the whole code. */
class OperationsTest {
  private static final List<VodOperation> ALL = Operations.all(Config.from(Map.of()));
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void namesActionsAndPathsAreDistinct() {
    Set<String> names = new HashSet<>();
    Set<String> actions = new HashSet<>();
    for (VodOperation operation : ALL) {
      assertTrue(names.add(operation.functionName()), operation.functionName());
      assertTrue(actions.add(operation.action()), operation.action());
      assertTrue(operation.functionName().matches("[a-z]+(-[a-z]+)*"), operation.functionName());
      assertEquals(operation.action() + "Response", operation.xmlRoot());
    }
  }

  @Test
  void everyPrimingRequestMakesACallAndItsCannedAnswerReadsAsASuccess() throws Exception {
    for (VodOperation operation : ALL) {
      Map<String, String> values = new LinkedHashMap<>();
      for (String pair : operation.primingQuery().split("&")) {
        int eq = pair.indexOf('=');
        values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
      assertTrue(operation.check(Parameters.of(values), Caller.anyone()).isOk(), operation + " refuses its priming request");
      JsonNode canned = JSON.readTree(operation.primingAnswer());
      Answer answer = operation.read(canned);
      assertTrue(answer.isSuccess(), operation + ": " + answer.message());
      for (String field : operation.credentialFields()) assertTrue(canned.path(field).isTextual(), field);
    }
  }

  @Test
  void anAnswerWithoutACredentialFieldIsABadResponse() throws Exception {
    for (VodOperation operation : ALL) {
      for (String field : operation.credentialFields()) {
        com.fasterxml.jackson.databind.node.ObjectNode body = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(operation.primingAnswer());
        body.remove(field);
        Answer answer = operation.read(body);
        assertFalse(answer.isSuccess(), operation + " without " + field);
        assertEquals("VodBadResponse", answer.code());
      }
    }
  }

  @Test
  void redactionCutsEveryCredentialFieldOutOfText() {
    for (VodOperation operation : ALL) {
      for (String field : operation.credentialFields()) {
        String text = Redaction.clean("{\"" + field + "\":\"s3cr3t-value\"} " + field + "=s3cr3t-value");
        assertFalse(text.contains("s3cr3t"), operation + ": " + field + " survives redaction: " + text);
      }
    }
  }

  @Test
  void parameterNamesAlwaysIncludeActionAndFormatWhateverTheCase() {
    for (VodOperation operation : ALL) {
      assertTrue(operation.parameterNames().contains("action"));
      assertTrue(operation.parameterNames().contains("FORMAT"));
    }
  }
}
