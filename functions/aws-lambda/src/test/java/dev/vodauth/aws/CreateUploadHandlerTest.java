package dev.vodauth.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodauth.emulator.VideoStatus;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** create-upload on Lambda: the IAM-signed function URL (AWS's own sample, another body) and a direct invocation. */
@Timeout(30)
class CreateUploadHandlerTest {
  @RegisterExtension final Harness harness = Harness.onEmptyEmulator();

  @Test
  void signedFunctionUrlPostCreatesAnUploadingVideo() throws Exception {
    ObjectNode event = (ObjectNode) harness.json.readTree(Harness.read(Samples.file("function_url_iam_post.json")));
    String body = "{\"Title\":\"西湖的春天\",\"FileName\":\"lake.mp4\",\"FileSize\":\"2048\"}";
    event.put("body", Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));

    JsonNode response = harness.invoke(harness.createUpload(), harness.json.writeValueAsBytes(event));

    assertEquals(200, response.path("statusCode").asInt(), response.toString());
    assertEquals("no-store", response.path("headers").path("Cache-Control").asText());
    JsonNode answer = harness.body(response);
    assertTrue(answer.path("UploadAuth").isTextual() && answer.path("UploadAddress").isTextual(), answer.toString());
    assertEquals(VideoStatus.UPLOADING, harness.emulator.video(answer.path("VideoId").asText()).status());
    assertEquals("function-url", harness.json.readTree(harness.logLines.get(0)).path("trigger").asText());
  }

  @Test
  void aDirectInvocationCreatesAndEchoesItsContext() {
    JsonNode answer = harness.invoke(harness.createUpload(),
        "{\"Title\":\"t\",\"FileName\":\"a.webm\",\"Context\":{\"upload\":\"u-1\"}}".getBytes(StandardCharsets.UTF_8));

    assertEquals("u-1", answer.path("Context").path("upload").asText(), answer.toString());
    assertEquals(VideoStatus.UPLOADING, harness.emulator.video(answer.path("VideoId").asText()).status());
  }

  @Test
  void anOperatorOnlyFieldIsRefusedWithoutAVodCall() throws Exception {
    ObjectNode event = (ObjectNode) harness.json.readTree(Harness.read(Samples.file("function_url_iam_post.json")));
    event.put("body", Base64.getEncoder().encodeToString(
        "{\"Title\":\"t\",\"FileName\":\"a.mp4\",\"StorageLocation\":\"mine\"}".getBytes(StandardCharsets.UTF_8)));

    JsonNode response = harness.invoke(harness.createUpload(), harness.json.writeValueAsBytes(event));

    assertEquals(400, response.path("statusCode").asInt());
    assertEquals("StorageLocation is not the caller's to set: the deployment sets it.", harness.body(response).path("Message").asText());
    assertEquals(0, harness.emulator.requestCount());
  }
}
