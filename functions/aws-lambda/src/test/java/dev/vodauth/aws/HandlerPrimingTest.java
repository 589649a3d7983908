package dev.vodauth.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Priming is an optimisation: a failure is one WARN line, never a failed init or snapshot. */
class HandlerPrimingTest {
  @Test
  void aFailingPrimingIsOneJsonWarningNamingThePhaseAndNotTheMessage() throws Exception {
    List<String> warnings = new ArrayList<>();

    boolean primed = HandlerPriming.tryPriming(() -> {
      throw new IllegalStateException("loopback refused, key " + Harness.KEY_SECRET);
    }, "init", warnings::add);

    assertFalse(primed);
    assertEquals(1, warnings.size());
    JsonNode line = new ObjectMapper().readTree(warnings.get(0));
    assertEquals("WARN", line.path("level").asText());
    assertEquals("priming failed in init (java.lang.IllegalStateException); the first invocations pay for class"
        + " loading and compilation instead", line.path("message").asText());
    assertFalse(warnings.get(0).contains(Harness.KEY_SECRET));
  }

  @Test
  void aPrimingThatWorksWritesNothing() {
    List<String> warnings = new ArrayList<>();

    assertTrue(HandlerPriming.tryPriming(() -> { }, "beforeCheckpoint", warnings::add));

    assertEquals(List.of(), warnings);
  }
}
