package dev.vodauth.fc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * s.yaml rendered by Serverless Devs itself ({@code s preview -o json}, npm
 * {@code @serverless-devs/s} 3.x, which renders offline), compared with what the other s.yaml tests
 * check ({@link ServerlessYaml}'s rendering), with the defaults and with settings from the
 * environment, and validated against the fc3 schema. Needs the CLI: {@code s} on the PATH or its
 * path in {@code VODAUTH_S_CLI} ({@code npm i -g @serverless-devs/s}); skipped, saying so, without.
 */
@Timeout(300)
class ServerlessDevsPreviewTest {
  private static final Path S_YAML = Paths.get("").toAbsolutePath().resolve("../../s.yaml").normalize();
  private static final String ACCOUNT = "123456789012";

  @TempDir
  Path home;

  @Test
  void serverlessDevsRendersTheDefaultsAsTheTestsDo() throws Exception {
    assertSameRendering(Map.of());
  }

  @Test
  void serverlessDevsRendersSettingsFromTheEnvironmentAsTheTestsDo() throws Exception {
    assertSameRendering(Map.of("VOD_ALLOWED_ORIGINS", "https://www.example.com", "VOD_JWT_ISSUER", "https://id.example.com/",
        "VOD_REFRESH_UPLOAD_AUTH_TYPE", "anonymous", "VOD_FC_REGION", "cn-hangzhou"));
  }

  @Test
  void serverlessDevsRendersThePlayAuthKindsAsTheTestsDo() throws Exception {
    assertSameRendering(Map.of("VOD_PLAY_AUTH_TYPES", "JWT,VOD", "VOD_PLAY_AUTH_JWT_FORMATS", "m3u8,mp4",
        "VOD_PLAY_AUTH_JWT_OUTPUT_TYPE", "cdn", "VOD_PLAY_AUTH_JWT_TIMEOUT_DEFAULT", "600"));
  }

  /** Tokens on with the default triggers: play-auth (anonymous) takes them, refresh-upload (signed) gets none. */
  @Test
  void serverlessDevsGivesTheTokenSettingsOnlyToTheAnonymousTrigger() throws Exception {
    JsonNode theirs = assertSameRendering(Map.of("VOD_JWT_ISSUER", "https://id.example.com/", "VOD_JWT_AUDIENCE", "vod-player",
        "VOD_JWT_JWKS_URL", "https://id.example.com/.well-known/jwks.json", "VOD_JWT_VIDEO_CLAIM", "videos"));
    assertEquals("https://id.example.com/",
        theirs.path("resources").path("play-auth").path("props").path("environmentVariables").path("JWT_ISSUER").asText());
    JsonNode signed = theirs.path("resources").path("refresh-upload").path("props").path("environmentVariables");
    for (String name : List.of("JWT_ISSUER", "JWT_AUDIENCE", "JWT_JWKS_URL", "JWT_VIDEO_CLAIM")) {
      assertEquals("", signed.path(name).asText("missing"), "refresh-upload behind authType function: " + name);
    }
  }

  /** Tokens on with a signed play-auth and an anonymous refresh-upload: the other way round. */
  @Test
  void serverlessDevsGivesNoTokenSettingsToASignedPlayAuth() throws Exception {
    JsonNode theirs = assertSameRendering(Map.of("VOD_JWT_ISSUER", "https://id.example.com/", "VOD_JWT_AUDIENCE", "vod-uploader",
        "VOD_JWT_JWKS_URL", "https://id.example.com/.well-known/jwks.json",
        "VOD_PLAY_AUTH_AUTH_TYPE", "function", "VOD_REFRESH_UPLOAD_AUTH_TYPE", "anonymous"));
    assertEquals("anonymous", theirs.path("resources").path("refresh-upload").path("props").path("triggers").path(0)
        .path("triggerConfig").path("authType").asText());
    assertEquals("", theirs.path("resources").path("play-auth").path("props").path("environmentVariables").path("JWT_ISSUER").asText("missing"));
    assertEquals("https://id.example.com/",
        theirs.path("resources").path("refresh-upload").path("props").path("environmentVariables").path("JWT_ISSUER").asText());
  }

  /** Anonymous asked for without tokens: Serverless Devs itself renders refresh-upload's trigger signed (function). */
  @Test
  void serverlessDevsKeepsRefreshUploadSignedWithoutAnIssuer() throws Exception {
    JsonNode theirs = assertSameRendering(Map.of("VOD_REFRESH_UPLOAD_AUTH_TYPE", "anonymous"));
    JsonNode props = theirs.path("resources").path("refresh-upload").path("props");
    assertEquals("function", props.path("triggers").path(0).path("triggerConfig").path("authType").asText());
    assertEquals("", props.path("environmentVariables").path("JWT_ISSUER").asText("missing"));
  }

  /** An issuer with both triggers signed: Serverless Devs itself renders the pre-deploy action that stops the deploy. */
  @Test
  void serverlessDevsRendersTheRefusalOfTokensBehindSignedTriggersOnly() throws Exception {
    JsonNode refused = assertSameRendering(Map.of("VOD_JWT_ISSUER", "https://id.example.com/", "VOD_JWT_AUDIENCE", "vod",
        "VOD_JWT_JWKS_URL", "https://id.example.com/jwks.json", "VOD_PLAY_AUTH_AUTH_TYPE", "function"));
    assertTrue(refused.path("resources").path("play-auth").path("actions").path("pre-deploy").path(0).path("run").asText()
        .endsWith("exit 1"));
    JsonNode fine = assertSameRendering(Map.of());
    assertEquals("true", fine.path("resources").path("play-auth").path("actions").path("pre-deploy").path(0).path("run").asText());
  }

  /** Token settings without an issuer: Serverless Devs itself gives them to neither function, whose triggers stay as asked or signed. */
  @Test
  void serverlessDevsGivesTokenSettingsWithoutAnIssuerToNoFunction() throws Exception {
    JsonNode theirs = assertSameRendering(Map.of("VOD_REFRESH_UPLOAD_AUTH_TYPE", "anonymous", "VOD_JWT_AUDIENCE", "vod-uploader",
        "VOD_JWT_JWKS_URL", "https://id.example.com/.well-known/jwks.json", "VOD_JWT_MAX_LIFETIME_SECONDS", "3600"));
    for (String function : List.of("play-auth", "refresh-upload", "create-upload")) {
      JsonNode props = theirs.path("resources").path(function).path("props");
      for (String name : List.of("JWT_ISSUER", "JWT_AUDIENCE", "JWT_JWKS_URL", "JWT_MAX_LIFETIME_SECONDS")) {
        assertEquals("", props.path("environmentVariables").path(name).asText("missing"), function + " " + name);
      }
    }
    assertEquals("function", theirs.path("resources").path("refresh-upload").path("props").path("triggers").path(0)
        .path("triggerConfig").path("authType").asText());
  }

  /** Anonymous asked for without tokens: create-upload's trigger renders signed too; with an issuer and settings, anonymous. */
  @Test
  void serverlessDevsKeepsCreateUploadSignedWithoutAnIssuerAndRendersItsSettings() throws Exception {
    JsonNode signed = assertSameRendering(Map.of("VOD_CREATE_UPLOAD_AUTH_TYPE", "anonymous"));
    assertEquals("function", signed.path("resources").path("create-upload").path("props").path("triggers").path(0)
        .path("triggerConfig").path("authType").asText());
    JsonNode open = assertSameRendering(Map.of("VOD_CREATE_UPLOAD_AUTH_TYPE", "anonymous", "VOD_JWT_ISSUER", "https://id.example.com/",
        "VOD_JWT_AUDIENCE", "vod", "VOD_JWT_JWKS_URL", "https://id.example.com/jwks", "VOD_UPLOAD_MAX_FILE_SIZE", "1048576",
        "VOD_UPLOAD_CALLBACK_URL", "https://ops.example.com/e"));
    JsonNode props = open.path("resources").path("create-upload").path("props");
    assertEquals("anonymous", props.path("triggers").path(0).path("triggerConfig").path("authType").asText());
    assertEquals("1048576", props.path("environmentVariables").path("VOD_UPLOAD_MAX_FILE_SIZE").asText());
    assertEquals("https://id.example.com/", props.path("environmentVariables").path("JWT_ISSUER").asText());
  }

  /** Serverless Devs' rendering, after checking it equals this project's; the test is skipped without the CLI. */
  private JsonNode assertSameRendering(Map<String, String> environment) throws Exception {
    Path cli = cli();
    assumeTrue(cli != null, "the Serverless Devs CLI (s) is not installed (npm i -g @serverless-devs/s, or VODAUTH_S_CLI=<path>): "
        + "s.yaml is checked with this project's renderer only");
    ProcessBuilder builder = new ProcessBuilder(cli.toString(), "preview", "-a", "none", "-o", "json", "--silent")
        .directory(S_YAML.getParent().toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().keySet().removeIf(name -> name.startsWith("VOD_"));
    builder.environment().put("HOME", home.toString()); // s keeps its own settings under ~/.s
    builder.environment().putAll(environment);
    Process process = builder.start();
    byte[] out = process.getInputStream().readAllBytes();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "s preview finished");
    assertEquals(0, process.exitValue(), () -> "s preview failed: " + new String(out, StandardCharsets.UTF_8));
    // Without an access s cannot know the account: it leaves ${config('AccountID')} as it is.
    JsonNode theirs = withAccount(FcHarness.JSON.readTree(out));

    JsonNode ours = new ServerlessYaml(environment, Map.of("AccountID", ACCOUNT)).render(S_YAML);

    assertEquals(ours.path("vars"), theirs.path("vars"));
    assertEquals(Set.of("play-auth", "refresh-upload", "create-upload"), names(theirs.path("resources")));
    for (String resource : List.of("play-auth", "refresh-upload", "create-upload")) {
      assertEquals(ours.path("resources").path(resource).path("props").toString(),
          theirs.path("resources").path(resource).path("props").toString(), resource);
      assertEquals(ours.path("resources").path(resource).path("actions").toString(),
          theirs.path("resources").path(resource).path("actions").toString(), resource + " actions");
    }
    Path schemaFile = FcHarness.sharedDir() == null ? null : FcHarness.sharedDir().resolve("schemas/fc3-props.schema.json");
    if (schemaFile != null && Files.isRegularFile(schemaFile)) {
      JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(FcHarness.read(schemaFile));
      for (String resource : List.of("play-auth", "refresh-upload", "create-upload")) {
        assertEquals(Set.of(), schema.validate(theirs.path("resources").path(resource).path("props")), resource);
      }
    }
    return theirs;
  }

  private static JsonNode withAccount(JsonNode node) {
    if (node.isTextual()) return TextNode.valueOf(node.asText().replace("${config('AccountID')}", ACCOUNT));
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        ((ObjectNode) node).set(field.getKey(), withAccount(field.getValue()));
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, withAccount(node.get(i)));
    }
    return node;
  }

  private static Path cli() {
    String configured = System.getenv("VODAUTH_S_CLI");
    if (configured != null && !configured.isEmpty()) return Files.isExecutable(Paths.get(configured)) ? Paths.get(configured) : null;
    String path = System.getenv("PATH");
    if (path == null) return null;
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Paths.get(dir, "s");
      if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) return candidate;
    }
    return null;
  }

  private static Set<String> names(JsonNode object) {
    Set<String> names = new java.util.TreeSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
