package dev.vodauth.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vodauth.answer.Answer;
import dev.vodauth.config.Config;
import dev.vodauth.vod.VodCall;
import dev.vodauth.vod.VodOperation;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CallRulesTest {
  private static final String VIDEO = "93ab850b4f6f44eab4b6e91d24d81d4a";
  private final CallRules rules = new CallRules(Config.from(Map.of()));

  @Test
  void playAuthWithoutTimeoutGetsTheDefault() {
    VodCall call = ok(VodOperation.PLAY_AUTH, Map.of("VideoId", VIDEO));

    assertEquals(VIDEO, call.videoId());
    assertEquals(100, call.authInfoTimeout());
  }

  @Test
  void deploymentDefaultAndMaximumApply() {
    CallRules lowered = new CallRules(Config.from(Map.of("AUTH_INFO_TIMEOUT_DEFAULT", "600", "AUTH_INFO_TIMEOUT_MAX", "1200")));

    assertEquals(600, lowered.check(VodOperation.PLAY_AUTH, Parameters.of(Map.of("VideoId", VIDEO))).value().authInfoTimeout());
    Answer error = lowered.check(VodOperation.PLAY_AUTH, Parameters.of(Map.of("VideoId", VIDEO, "AuthInfoTimeout", "1201"))).error();
    assertEquals("AuthInfoTimeout must be a whole number of seconds between 100 and 1200.", error.message());
  }

  @ParameterizedTest
  @ValueSource(strings = {"100", "300", "3000"})
  void authInfoTimeoutInsideTheRangeIsSent(String value) {
    assertEquals(Integer.parseInt(value), ok(VodOperation.PLAY_AUTH, Map.of("VideoId", VIDEO, "AuthInfoTimeout", value)).authInfoTimeout());
  }

  @ParameterizedTest
  @ValueSource(strings = {"99", "3001", "abc", "300.5", "-100", "1e3", " 300", "99999999999"})
  void authInfoTimeoutOutsideTheRuleIsRefusedWithTheRange(String value) {
    Answer error = refused(VodOperation.PLAY_AUTH, Map.of("VideoId", VIDEO, "AuthInfoTimeout", value));

    assertEquals(400, error.status());
    assertEquals("InvalidParameter", error.code());
    assertEquals("AuthInfoTimeout must be a whole number of seconds between 100 and 3000.", error.message());
  }

  @Test
  void missingVideoIdIsMissingParameter() {
    Answer error = refused(VodOperation.REFRESH_UPLOAD, Map.of());

    assertEquals("MissingParameter", error.code());
    assertEquals("VideoId is required.", error.message());
  }

  @Test
  void emptyVideoIdIsMissingParameter() {
    assertEquals("MissingParameter", refused(VodOperation.PLAY_AUTH, Map.of("VideoId", "")).code());
  }

  @ParameterizedTest
  @ValueSource(strings = {"../x", "abc def", "a-b", "中文", "{\"a\":1}"})
  void videoIdThatIsNotLettersAndDigitsIsRefused(String value) {
    Answer error = refused(VodOperation.PLAY_AUTH, Map.of("VideoId", value));

    assertEquals("InvalidParameter", error.code());
    assertEquals("VideoId must be 1 to 64 letters and digits.", error.message());
  }

  @Test
  void videoIdOf65CharactersIsRefused() {
    assertEquals("InvalidParameter", refused(VodOperation.PLAY_AUTH, Map.of("VideoId", "a".repeat(65))).code());
  }

  @ParameterizedTest
  @CsvSource({"PLAY_AUTH,RefreshUploadVideo,GetVideoPlayAuth", "REFRESH_UPLOAD,GetVideoPlayAuth,RefreshUploadVideo"})
  void actionMustNameTheFunctionsOwnOperation(VodOperation operation, String wrong, String right) {
    Answer error = refused(operation, Map.of("VideoId", VIDEO, "Action", wrong));

    assertEquals("Action must be " + right + " for this function.", error.message());
    assertTrue(rules.check(operation, Parameters.of(Map.of("VideoId", VIDEO, "Action", right))).isOk());
  }

  @Test
  void refreshUploadIgnoresAuthInfoTimeoutAndUnknownParameters() {
    VodCall call = ok(VodOperation.REFRESH_UPLOAD, Map.of("VideoId", VIDEO, "AuthInfoTimeout", "abc", "Foo", "bar"));

    assertEquals(null, call.authInfoTimeout());
  }

  private VodCall ok(VodOperation operation, Map<String, String> values) {
    Checked<VodCall> checked = rules.check(operation, Parameters.of(values));
    assertTrue(checked.isOk(), () -> "refused: " + checked.error().message());
    return checked.value();
  }

  private Answer refused(VodOperation operation, Map<String, String> values) {
    Checked<VodCall> checked = rules.check(operation, Parameters.of(values));
    assertFalse(checked.isOk(), "expected a refusal");
    return checked.error();
  }
}
