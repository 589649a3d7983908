package dev.vodauth.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.vodauth.config.Config;
import dev.vodauth.emulator.TokenIssuer;
import dev.vodauth.emulator.Video;
import dev.vodauth.http.HttpRequest;
import dev.vodauth.http.HttpResponse;
import dev.vodauth.operation.CreateUpload;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * create-upload with caller tokens, and the creator-only refresh: two users, each with a token
 * whose video claim lists no video (a browser cannot hold one naming a video not created yet).
 */
class CreateUploadTokenTest {
  private final FunctionFixture fixture = new FunctionFixture();
  private final TokenIssuer issuer = new TokenIssuer();

  @BeforeEach
  void setUp() throws Exception {
    issuer.start();
    fixture.start(Map.of(Config.JWT_ISSUER, issuer.issuer(), Config.JWT_JWKS_URL, issuer.jwksUrl(),
        Config.JWT_AUDIENCE, TokenIssuer.AUDIENCE, Config.JWT_VIDEO_CLAIM, "videos",
        Config.CORS_ALLOWED_ORIGINS, "https://app.example", "VOD_READ_TIMEOUT_MS", "3000"));
  }

  @AfterEach
  void tearDown() {
    fixture.close();
    issuer.close();
  }

  private String token(String subject, List<String> videos) {
    JWTClaimsSet.Builder claims = issuer.claims().subject(subject);
    if (videos != null) claims.claim("videos", videos);
    return "Bearer " + issuer.sign(claims.build());
  }

  private HttpResponse create(String authorization, String query) {
    return fixture.functions.function(CreateUpload.NAME).handleHttp(HttpRequest.builder("GET")
        .header("Authorization", authorization).header("Origin", "https://app.example").rawQuery(query).build(),
        FunctionFixture.invocation("function-url"));
  }

  private HttpResponse refresh(String authorization, String videoId) {
    return fixture.functions.refreshUpload().handleHttp(HttpRequest.builder("GET")
        .header("Authorization", authorization).rawQuery("VideoId=" + videoId).build(), FunctionFixture.invocation("function-url"));
  }

  private String createdBy(String subject) throws Exception {
    HttpResponse created = create(token(subject, List.of()), "Title=mine&FileName=clip.mp4&Tags=holiday");
    assertEquals(200, created.status(), created.body());
    return fixture.json.readTree(created.body()).path("VideoId").asText();
  }

  @Test
  void theSubjectIsRecordedInUserDataAndTagsAndTheLogLineNamesIt() throws Exception {
    String videoId = createdBy("alice@example.com");

    Video video = fixture.emulator.video(videoId);
    JsonNode userData = fixture.json.readTree(video.userData());
    assertEquals("alice@example.com", userData.path("Extend").path("CreatedBy").asText(), video.userData());
    assertTrue(video.tags().startsWith("holiday,creator:"), video.tags());
    assertFalse(video.tags().contains("alice"), "the tag names no subject in clear: " + video.tags());
    assertEquals(32, video.tags().substring("holiday,".length()).length(), "a tag is at most 32 bytes");
    String line = fixture.logLines.get(fixture.logLines.size() - 1);
    assertTrue(line.contains("\"subject\":\"alice@example.com\""), line);
    assertTrue(line.contains("\"videoId\":\"" + videoId + "\""), line);
  }

  @Test
  void onlyTheCreatorRefreshesItsUpload() throws Exception {
    String alices = createdBy("alice");
    String bobs = createdBy("bob");

    assertEquals(200, refresh(token("alice", List.of()), alices).status());
    assertEquals(200, refresh(token("bob", null), bobs).status(), "no video claim at all: the same");
    HttpResponse stolen = refresh(token("bob", List.of()), alices);
    assertEquals(403, stolen.status(), stolen.body());
    assertEquals("Forbidden.VideoNotEntitled", fixture.json.readTree(stolen.body()).path("Code").asText());
    assertTrue(stolen.headers().get("WWW-Authenticate").contains("insufficient_scope"));
    assertEquals(403, refresh(token("alice", List.of()), bobs).status());
    assertEquals(403, refresh(token("alice", List.of()), FunctionFixture.UPLOADING).status(), "an upload nobody created here");
    assertEquals(200, refresh(token("bob", List.of(alices)), alices).status(), "a token listing the video still works");
  }

  @Test
  void aCallerCannotForgeTheCreatorTag() throws Exception {
    String alices = createdBy("alice");
    String aliceTag = fixture.emulator.video(alices).tags().split(",")[1];

    HttpResponse forged = create(token("bob", List.of()), "Title=t&FileName=a.mp4&Tags=" + aliceTag);

    assertEquals(400, forged.status());
    assertTrue(fixture.json.readTree(forged.body()).path("Message").asText().startsWith("Tags must not hold a tag starting with creator:"));
  }

  @Test
  void withTokensTheCreatorTagTakesOneOfTheSixteen() throws Exception {
    String sixteen = String.join(",", java.util.Collections.nCopies(16, "t"));

    HttpResponse response = create(token("alice", List.of()), "Title=t&FileName=a.mp4&Tags=" + sixteen);

    assertEquals(400, response.status());
    assertEquals("Tags holds at most 15 tags, separated by commas (one of VOD's 16 records who created the upload).",
        fixture.json.readTree(response.body()).path("Message").asText());
  }

  @Test
  void noTokenIsA401BeforeAnythingIsRead() throws Exception {
    HttpResponse response = fixture.functions.function(CreateUpload.NAME).handleHttp(
        HttpRequest.builder("GET").rawQuery("Title=t&FileName=a.exe").build(), FunctionFixture.invocation("function-url"));

    assertEquals(401, response.status());
    assertEquals(0, fixture.emulator.requestCount());
  }

  @Test
  void pagesOnTheAllowListReadTheAnswerWhenTokensAreOn() {
    HttpResponse response = create(token("alice", List.of()), "Title=t&FileName=a.mp4");

    assertEquals("https://app.example", response.headers().get("Access-Control-Allow-Origin"));
  }
}
