package dev.vodauth.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which origins get CORS headers, and which headers, on an answer and on a preflight. */
class CorsTest {
  private static final String PLAYER = "https://player.example.com";

  private static Map<String, String> answerHeaders(Cors cors, String origin) {
    Map<String, String> headers = new LinkedHashMap<>();
    cors.addHeaders(origin, headers);
    return headers;
  }

  private static Map<String, String> preflightHeaders(Cors cors, String origin) {
    Map<String, String> headers = new LinkedHashMap<>();
    cors.addPreflightHeaders(origin, headers);
    return headers;
  }

  @Test
  void anAllowedOriginIsEchoedWithVaryAndTheExposedHeaders() {
    Map<String, String> headers = answerHeaders(new Cors(List.of("https://other.example.com", PLAYER)), PLAYER);

    assertEquals(Map.of("Access-Control-Allow-Origin", PLAYER, "Vary", "Origin",
        "Access-Control-Expose-Headers", "X-Request-Id, Retry-After, WWW-Authenticate"), headers);
  }

  @Test
  void aWildcardAllowsEveryOriginWithoutEchoingIt() {
    Map<String, String> headers = answerHeaders(new Cors(List.of("*")), "https://anyone.example.org");

    assertEquals("*", headers.get("Access-Control-Allow-Origin"));
    assertEquals(Cors.EXPOSED_HEADERS, headers.get("Access-Control-Expose-Headers"));
    assertTrue(!headers.containsKey("Vary"), headers::toString);
  }

  @Test
  void anOriginNotOnTheListGetsNoHeaders() {
    assertEquals(Map.of(), answerHeaders(new Cors(List.of(PLAYER)), "https://evil.example.com"));
    // Origins compare whole: scheme, host and port.
    assertEquals(Map.of(), answerHeaders(new Cors(List.of(PLAYER)), "http://player.example.com"));
    assertEquals(Map.of(), answerHeaders(new Cors(List.of(PLAYER)), PLAYER + ":8443"));
  }

  @Test
  void noOriginHeaderOrNoListGetsNoHeaders() {
    assertEquals(Map.of(), answerHeaders(new Cors(List.of(PLAYER)), null));
    assertEquals(Map.of(), answerHeaders(Cors.none(), PLAYER));
    assertEquals(Map.of(), answerHeaders(new Cors(List.of()), PLAYER));
  }

  @Test
  void aPreflightFromAnAllowedOriginAllowsTheFixedMethodsAndHeadersForTenMinutes() {
    Map<String, String> headers = preflightHeaders(new Cors(List.of(PLAYER)), PLAYER);

    assertEquals(PLAYER, headers.get("Access-Control-Allow-Origin"));
    assertEquals("GET, POST, OPTIONS", headers.get("Access-Control-Allow-Methods"));
    assertEquals("Authorization, Content-Type", headers.get("Access-Control-Allow-Headers"));
    assertEquals("600", headers.get("Access-Control-Max-Age"));
  }

  @Test
  void aPreflightFromAnotherOriginGetsNoCorsHeaders() {
    assertEquals(Map.of(), preflightHeaders(new Cors(List.of(PLAYER)), "https://evil.example.com"));
  }

  @Test
  void theListIsCopiedSoLaterChangesToTheCallersListDoNotWiden() {
    List<String> origins = new java.util.ArrayList<>(List.of(PLAYER));
    Cors cors = new Cors(origins);
    origins.add("*");

    assertEquals(Map.of(), answerHeaders(cors, "https://evil.example.com"));
  }
}
