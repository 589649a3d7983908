package dev.vodauth.fc;

import static dev.vodauth.fc.FcHarness.JSON;
import static dev.vodauth.fc.FcHarness.ROLE_KEY_ID;
import static dev.vodauth.fc.FcHarness.roleContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodauth.emulator.RecordedVodRequest;
import dev.vodauth.emulator.VideoStatus;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** create-upload on FC: the HTTP trigger (FC's own sample, another body), signed with the role's keys, and a direct invocation. */
@Timeout(30)
class CreateUploadHandlerTest {
  @RegisterExtension final FcHarness fc = FcHarness.fixture();

  @Test
  void httpTriggerPostCreatesAnUploadingVideoWithTheRolesKeys() throws Exception {
    Path sample = FcHarness.sharedDir() == null ? null : FcHarness.sharedDir().resolve("samples/aliyun-fc3/http-trigger-event-post-json.json");
    Assumptions.assumeTrue(sample != null && sample.toFile().isFile(), "../shared/samples not found beside the clone");
    ObjectNode event = (ObjectNode) FcHarness.read(sample);
    event.put("body", "{\"Title\":\"西湖的春天\",\"FileName\":\"lake.MP4\"}");
    ((ObjectNode) event.path("headers")).remove("Content-Length");

    JsonNode response = fc.invoke(fc.createUpload, event, roleContext("req-create"));

    assertEquals(200, response.path("statusCode").asInt(), response.toString());
    assertEquals("no-store", response.path("headers").path("Cache-Control").asText());
    JsonNode body = JSON.readTree(response.path("body").asText());
    assertEquals(VideoStatus.UPLOADING, fc.emulator.video(body.path("VideoId").asText()).status());
    RecordedVodRequest call = fc.emulator.takeRequest(1, TimeUnit.SECONDS);
    assertEquals("CreateUploadVideo", call.action());
    assertEquals(ROLE_KEY_ID, call.accessKeyId());
    assertTrue(call.signatureValid());
  }

  @Test
  void aDirectInvocationCreates() throws Exception {
    JsonNode answer = fc.invoke(fc.createUpload, JSON.readTree("{\"Title\":\"t\",\"FileName\":\"a.mkv\"}"), roleContext("req-direct"));

    assertTrue(answer.path("UploadAuth").isTextual(), answer.toString());
    assertEquals(VideoStatus.UPLOADING, fc.emulator.video(answer.path("VideoId").asText()).status());
  }
}
