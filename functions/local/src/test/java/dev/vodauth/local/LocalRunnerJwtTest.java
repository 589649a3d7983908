package dev.vodauth.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vodauth.emulator.DemoCatalogue;
import dev.vodauth.playauth.PythonJwtCheck;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runner's JWT mode with no cloud account: the embedded emulator serves GetAppPlayKey. */
class LocalRunnerJwtTest {
  @Test
  void jwtModeSignsWithTheEmulatorsPlayKey() throws Exception {
    try (RunnerFixture runner = RunnerFixture.start(Map.of("PLAY_AUTH_TYPES", "JWT,VOD"))) {
      HttpResponse<String> response = runner.get("/play-auth?VideoId=" + DemoCatalogue.PLAYABLE);
      assertEquals(200, response.statusCode(), response.body());
      assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null));
      JsonNode answer = runner.json.readTree(response.body());
      assertEquals("JWT", answer.path("PlayAuthType").asText());
      String key = runner.emulator().appPlayKey("app-1000000");
      assertTrue(PythonJwtCheck.check(answer.path("PlayAuth").asText(), key).path("signatureValid").asBoolean());

      HttpResponse<String> classic = runner.post("/play-auth", "application/json",
          "{\"VideoId\":\"" + DemoCatalogue.PLAYABLE + "\",\"PlayAuthType\":\"VOD\"}");
      assertEquals(200, classic.statusCode(), classic.body());
      assertTrue(runner.json.readTree(classic.body()).has("VideoMeta"));
    }
  }
}
