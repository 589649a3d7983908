package dev.vodauth.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vodauth.answer.Answer;
import dev.vodauth.auth.Caller;
import dev.vodauth.config.Config;
import dev.vodauth.request.Checked;
import dev.vodauth.request.Parameters;
import dev.vodauth.vod.VodCall;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** create-upload's input rules, held to the API facts in create-upload-video-api.json. */
class CreateUploadRulesTest {
  private static final JsonNode API = api();
  private static final CreateUpload OPEN = new CreateUpload(Config.from(Map.of()));

  private static JsonNode api() {
    try (InputStream in = CreateUploadRulesTest.class.getResourceAsStream("create-upload-video-api.json")) {
      return new ObjectMapper().readTree(in);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> valid() {
    return new HashMap<>(Map.of("Title", "西湖的春天", "FileName", "west-lake.mp4"));
  }

  @Test
  void theSmallestValidRequestMakesACallWithNoVideoId() {
    VodCall call = ok(OPEN, valid());
    assertEquals(null, call.videoId());
    assertFalse(call.repeatable(), "a create must not be repeated after an unknown outcome");
    Map<String, String> sent = call.sdkRequest().getSysQueryParameters();
    assertEquals("西湖的春天", sent.get("Title"));
    assertEquals("west-lake.mp4", sent.get("FileName"));
    assertFalse(sent.containsKey("UserData"), "nothing to record without tokens or a callback");
  }

  @Test
  void everyRequiredFieldIsRequired() {
    for (JsonNode name : API.path("required")) {
      Map<String, String> values = valid();
      values.remove(name.asText());
      Answer error = refused(OPEN, values);
      assertEquals("MissingParameter", error.code());
      assertEquals(name.asText() + " is required.", error.message());
      values.put(name.asText(), "   ");
      assertEquals("MissingParameter", refused(OPEN, values).code(), name + " blank");
    }
  }

  @Test
  void eachTextIsAcceptedAtItsLimitAndRefusedOneByteOverNamingFieldAndLimit() {
    API.path("maxUtf8Bytes").fields().forEachRemaining(limit -> {
      String name = limit.getKey();
      int max = limit.getValue().asInt();
      String atLimit = fill(name, max);
      String over = fill(name, max + 1);
      Map<String, String> values = valid();
      values.put(name, atLimit);
      ok(OPEN, values);
      values.put(name, over);
      Answer error = refused(OPEN, values);
      assertEquals(400, error.status(), name);
      assertEquals(name + " must be at most " + max + " bytes in UTF-8.", error.message());
    });
  }

  @Test
  void titleLimitCountsUtf8BytesNotCharacters() {
    int max = API.path("maxUtf8Bytes").path("Title").asInt();
    Map<String, String> values = valid();
    values.put("Title", "春".repeat(max / 3)); // 3 bytes each
    ok(OPEN, values);
    values.put("Title", "春".repeat(max / 3 + 1));
    assertEquals("Title must be at most " + max + " bytes in UTF-8.", refused(OPEN, values).message());
  }

  @Test
  void tagsHoldAtMostTheirCountEachAtMostItsBytes() {
    JsonNode tags = API.path("tags");
    int count = tags.path("maxCount").asInt();
    int bytes = tags.path("maxUtf8BytesEach").asInt();
    String separator = tags.path("separator").asText();
    Map<String, String> values = valid();
    values.put("Tags", String.join(separator, java.util.Collections.nCopies(count, "t".repeat(bytes))));
    ok(OPEN, values);
    values.put("Tags", String.join(separator, java.util.Collections.nCopies(count + 1, "t")));
    assertEquals("Tags holds at most " + count + " tags, separated by commas.", refused(OPEN, values).message());
    values.put("Tags", "ok," + "标".repeat(bytes / 3 + 1));
    assertEquals("Each tag in Tags must be at most " + bytes + " bytes in UTF-8, without control characters.",
        refused(OPEN, values).message());
    values.put("Tags", "a,,b");
    assertEquals("Tags must not hold an empty tag.", refused(OPEN, values).message());
  }

  @Test
  void everySupportedExtensionInAnyCaseIsAcceptedAndNoOther() {
    Set<String> documented = new TreeSet<>();
    API.path("videoExtensions").forEach(e -> documented.add(e.asText().toLowerCase(Locale.ROOT)));
    API.path("audioExtensions").forEach(e -> documented.add(e.asText().toLowerCase(Locale.ROOT)));
    assertEquals(documented, new TreeSet<>(lower(CreateUpload.SUPPORTED_EXTENSIONS)));
    for (String extension : documented) {
      for (String spelled : new String[] {extension, extension.toUpperCase(Locale.ROOT), capitalized(extension)}) {
        Map<String, String> values = valid();
        values.put("FileName", "clip." + spelled);
        ok(OPEN, values);
      }
    }
    for (String bad : new String[] {"clip", "clip.", "clip.exe", "clip.mp4.exe", ".mp4x", "mp4"}) {
      Map<String, String> values = valid();
      values.put("FileName", bad);
      Answer error = refused(OPEN, values);
      assertTrue(error.message().startsWith("FileName must end with one of these extensions (any case): "), bad);
    }
  }

  @Test
  void longsAreWholePositiveNumbers() {
    for (JsonNode field : API.path("longs")) {
      String name = field.asText();
      for (String good : new String[] {"1", "123", String.valueOf(Long.MAX_VALUE)}) {
        Map<String, String> values = valid();
        values.put(name, good);
        ok(OPEN, values);
      }
      for (String bad : new String[] {"0", "-1", "1.5", "1e3", "abc", " 1", "9223372036854775808", "99999999999999999999"}) {
        Map<String, String> values = valid();
        values.put(name, bad);
        Answer error = refused(OPEN, values);
        assertEquals("InvalidParameter", error.code(), name + "=" + bad);
        assertTrue(error.message().startsWith(name + " must be"), error.message());
        assertTrue(error.message().contains(String.valueOf(Long.MAX_VALUE)), "the message names the limit: " + error.message());
      }
    }
  }

  @Test
  void coverUrlMustBeAnHttpUrl() {
    for (String bad : new String[] {"javascript:alert(1)", "ftp://x.example/a.jpg", "not a url", "//x.example/a.jpg"}) {
      Map<String, String> values = valid();
      values.put("CoverURL", bad);
      assertEquals("CoverURL must be an http or https URL.", refused(OPEN, values).message());
    }
  }

  @Test
  void everyOperatorOnlyFieldIsRefusedNamingIt() {
    for (JsonNode field : API.path("operatorOnly")) {
      for (String spelled : new String[] {field.asText(), field.asText().toLowerCase(Locale.ROOT)}) {
        Map<String, String> values = valid();
        values.put(spelled, "{\"MessageCallback\":{\"CallbackURL\":\"https://attacker.example\"}}");
        Answer error = refused(OPEN, values);
        assertEquals(400, error.status());
        assertEquals(field.asText() + " is not the caller's to set: the deployment sets it.", error.message());
      }
    }
  }

  @Test
  void controlCharactersAreRefusedInOneLineTexts() {
    for (String name : new String[] {"Title", "FileName"}) {
      Map<String, String> values = valid();
      values.put(name, name.equals("Title") ? "a\nb" : "a\r\n.mp4");
      assertEquals(name + " must not hold control characters.", refused(OPEN, values).message());
    }
  }

  @Test
  void theDeploymentSetsWhereAndHowAndMayBoundSizeAndExtensions() {
    CreateUpload bounded = new CreateUpload(Config.from(Map.of(
        CreateUpload.TEMPLATE_GROUP_ID, "tg-1", CreateUpload.STORAGE_LOCATION, "outin-abc.oss-cn-shanghai.aliyuncs.com",
        CreateUpload.APP_ID, "app-1", CreateUpload.CALLBACK_URL, "https://ops.example/vod-events",
        CreateUpload.MAX_FILE_SIZE, "1000", CreateUpload.FILE_EXTENSIONS, "MP4, .mov")));
    Map<String, String> values = valid();
    values.put("FileSize", "1000");
    Map<String, String> sent = ok(bounded, values).sdkRequest().getSysQueryParameters();
    assertEquals("tg-1", sent.get("TemplateGroupId"));
    assertEquals("outin-abc.oss-cn-shanghai.aliyuncs.com", sent.get("StorageLocation"));
    assertEquals("app-1", sent.get("AppId"));
    assertEquals("{\"MessageCallback\":{\"CallbackURL\":\"https://ops.example/vod-events\"}}", sent.get("UserData"));

    values.put("FileSize", "1001");
    assertEquals("FileSize must be a whole number of bytes between 1 and 1000.", refused(bounded, values).message());
    values.remove("FileSize");
    assertEquals("FileSize is required: this deployment accepts files of at most 1000 bytes.", refused(bounded, values).message());
    values.put("FileSize", "10");
    values.put("FileName", "clip.MKV");
    assertEquals("FileName must end with one of these extensions (any case): mov, mp4.", refused(bounded, values).message());
  }

  @Test
  void aBadDeploymentSettingStopsTheStartNamingTheVariable() {
    Map<String, String> bad = Map.of(
        CreateUpload.MAX_FILE_SIZE, "10GB",
        CreateUpload.FILE_EXTENSIONS, "mp4,exe",
        CreateUpload.CALLBACK_URL, "mailto:ops@example.com");
    bad.forEach((name, value) -> {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new CreateUpload(Config.from(Map.of(name, value))));
      assertTrue(e.getMessage().contains(name), e.getMessage());
    });
    assertThrows(IllegalArgumentException.class, () -> new CreateUpload(Config.from(Map.of(
        CreateUpload.TEMPLATE_GROUP_ID, "a", CreateUpload.WORKFLOW_ID, "b"))));
  }

  private static String fill(String name, int bytes) {
    switch (name) {
      case "FileName":
        return "f".repeat(bytes - 4) + ".mp4";
      case "CoverURL":
        return "https://x.example/" + "c".repeat(bytes - "https://x.example/".length());
      default:
        return "d".repeat(bytes);
    }
  }

  private static Set<String> lower(Set<String> names) {
    Set<String> lower = new TreeSet<>();
    for (String name : names) lower.add(name.toLowerCase(Locale.ROOT));
    return lower;
  }

  private static String capitalized(String s) {
    return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }

  private static VodCall ok(CreateUpload operation, Map<String, String> values) {
    Checked<VodCall> checked = operation.check(Parameters.of(values), Caller.anyone());
    assertTrue(checked.isOk(), () -> "refused: " + checked.error().message());
    return checked.value();
  }

  private static Answer refused(CreateUpload operation, Map<String, String> values) {
    Checked<VodCall> checked = operation.check(Parameters.of(values), Caller.anyone());
    assertFalse(checked.isOk(), "expected a refusal of " + values);
    return checked.error();
  }
}
