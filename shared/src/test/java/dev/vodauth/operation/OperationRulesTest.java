package dev.vodauth.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vodauth.answer.Answer;
import dev.vodauth.config.Config;
import dev.vodauth.auth.Caller;
import dev.vodauth.request.Checked;
import dev.vodauth.request.Parameters;
import dev.vodauth.vod.VodCall;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The input rules of the operations on an existing video (play-auth, refresh-upload). */
class OperationRulesTest {
  private static final String VIDEO = "93ab850b4f6f44eab4b6e91d24d81d4a";
  private static final Config DEFAULTS = Config.from(Map.of());
  private static final PlayAuth PLAY_AUTH = new PlayAuth(DEFAULTS);
  private static final RefreshUpload REFRESH_UPLOAD = new RefreshUpload(DEFAULTS);

  @Test
  void playAuthWithoutTimeoutGetsTheDefault() {
    PlayAuth.Call call = (PlayAuth.Call) ok(PLAY_AUTH, Map.of("VideoId", VIDEO));

    assertEquals(VIDEO, call.videoId());
    assertEquals(100, call.authInfoTimeout());
  }

  @Test
  void deploymentDefaultAndMaximumApply() {
    PlayAuth lowered = new PlayAuth(Config.from(Map.of("AUTH_INFO_TIMEOUT_DEFAULT", "600", "AUTH_INFO_TIMEOUT_MAX", "1200")));

    assertEquals(600, ((PlayAuth.Call) lowered.check(Parameters.of(Map.of("VideoId", VIDEO)), Caller.anyone()).value()).authInfoTimeout());
    Answer error = lowered.check(Parameters.of(Map.of("VideoId", VIDEO, "AuthInfoTimeout", "1201")), Caller.anyone()).error();
    assertEquals("AuthInfoTimeout must be a whole number of seconds between 100 and 1200.", error.message());
  }

  @ParameterizedTest
  @ValueSource(strings = {"100", "300", "3000"})
  void authInfoTimeoutInsideTheRangeIsSent(String value) {
    assertEquals(Integer.parseInt(value), ((PlayAuth.Call) ok(PLAY_AUTH, Map.of("VideoId", VIDEO, "AuthInfoTimeout", value))).authInfoTimeout());
  }

  @ParameterizedTest
  @ValueSource(strings = {"99", "3001", "abc", "300.5", "-100", "1e3", " 300", "99999999999"})
  void authInfoTimeoutOutsideTheRuleIsRefusedWithTheRange(String value) {
    Answer error = refused(PLAY_AUTH, Map.of("VideoId", VIDEO, "AuthInfoTimeout", value));

    assertEquals(400, error.status());
    assertEquals("InvalidParameter", error.code());
    assertEquals("AuthInfoTimeout must be a whole number of seconds between 100 and 3000.", error.message());
  }

  @Test
  void missingVideoIdIsMissingParameter() {
    Answer error = refused(REFRESH_UPLOAD, Map.of());

    assertEquals("MissingParameter", error.code());
    assertEquals("VideoId is required.", error.message());
  }

  @Test
  void emptyVideoIdIsMissingParameter() {
    assertEquals("MissingParameter", refused(PLAY_AUTH, Map.of("VideoId", "")).code());
  }

  @ParameterizedTest
  @ValueSource(strings = {"../x", "abc def", "a-b", "中文", "{\"a\":1}"})
  void videoIdThatIsNotLettersAndDigitsIsRefused(String value) {
    Answer error = refused(PLAY_AUTH, Map.of("VideoId", value));

    assertEquals("InvalidParameter", error.code());
    assertEquals("VideoId must be 1 to 64 letters and digits.", error.message());
  }

  @Test
  void videoIdOf65CharactersIsRefused() {
    assertEquals("InvalidParameter", refused(PLAY_AUTH, Map.of("VideoId", "a".repeat(65))).code());
  }

  @ParameterizedTest
  @CsvSource({"play-auth,RefreshUploadVideo,GetVideoPlayAuth", "refresh-upload,GetVideoPlayAuth,RefreshUploadVideo"})
  void actionMustNameTheFunctionsOwnOperation(String name, String wrong, String right) {
    VodOperation operation = name.equals(PlayAuth.NAME) ? PLAY_AUTH : REFRESH_UPLOAD;
    Answer error = refused(operation, Map.of("VideoId", VIDEO, "Action", wrong));

    assertEquals("Action must be " + right + " for this function.", error.message());
    assertTrue(operation.check(Parameters.of(Map.of("VideoId", VIDEO, "Action", right)), Caller.anyone()).isOk());
  }

  @Test
  void refreshUploadIgnoresAuthInfoTimeoutAndUnknownParameters() {
    VodCall call = ok(REFRESH_UPLOAD, Map.of("VideoId", VIDEO, "AuthInfoTimeout", "abc", "Foo", "bar"));

    assertEquals("RefreshUploadVideo{VideoId=" + VIDEO + "}", call.toString());
    Map<String, String> sent = new java.util.TreeMap<>(call.sdkRequest().getSysQueryParameters());
    sent.keySet().removeAll(java.util.Set.of("Action", "Format", "Version")); // the SDK's own
    assertEquals(Map.of("VideoId", VIDEO), sent);
  }

  private VodCall ok(VodOperation operation, Map<String, String> values) {
    Checked<VodCall> checked = operation.check(Parameters.of(values), Caller.anyone());
    assertTrue(checked.isOk(), () -> "refused: " + checked.error().message());
    return checked.value();
  }

  private Answer refused(VodOperation operation, Map<String, String> values) {
    Checked<VodCall> checked = operation.check(Parameters.of(values), Caller.anyone());
    assertFalse(checked.isOk(), "expected a refusal");
    return checked.error();
  }
}
