package dev.vodauth.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import dev.vodauth.emulator.RecordedVodRequest;
import dev.vodauth.emulator.TokenIssuer;
import dev.vodauth.emulator.UploadCredential;
import dev.vodauth.testkit.StandInServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Alibaba's web upload SDK ({@code aliyun-upload-vod} from npm, with the {@code ali-oss} browser client it drives), in
 * headless Chromium, running the README's upload snippet as written on a page of its own origin: it starts an upload
 * with create-upload, OSS (a stand-in) expires its credential after one part, and it finishes with refresh-upload's.
 * The runner has caller tokens on: the page's user creates the video, then refreshes it as its creator.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromedriver} (or their paths in {@code VODAUTH_CHROMIUM} and
 * {@code VODAUTH_CHROMEDRIVER}) and the two SDK bundles in {@code VODAUTH_WEB_UPLOAD_SDK}; {@code .ci/run} installs
 * them all. Without them the test is skipped, saying which is missing.
 */
@Timeout(180)
class WebUploadSdkBrowserTest {
  /** Four parts of the README's 1 MiB part size, the last one short. */
  private static final int FILE_SIZE = 3 * 1024 * 1024 + 123_457;

  /** Selenium warns, on every start, that it has no DevTools binding for this Chromium: the test uses none. */
  private static final java.util.logging.Logger CDP_LOG = quiet("org.openqa.selenium.devtools.CdpVersionFinder");

  @TempDir Path temp;
  private TokenIssuer issuer;
  private OssStandIn oss;
  private StandInServer page;
  private RunnerFixture local;
  private ChromeDriver browser;
  /** The caller token the page sends; by default the page's user's. */
  private String pageToken;

  @BeforeEach
  void start() throws IOException {
    Path chromium = tool("VODAUTH_CHROMIUM", "/usr/bin/chromium");
    Path chromedriver = tool("VODAUTH_CHROMEDRIVER", "/usr/bin/chromedriver");
    String sdkSetting = System.getenv("VODAUTH_WEB_UPLOAD_SDK");
    Path sdk = Paths.get(sdkSetting != null ? sdkSetting : System.getProperty("user.home") + "/.cache/vod-auth/web-upload-sdk");
    for (String bundle : new String[] {"aliyun-upload-vod.min.js", "aliyun-oss-sdk.min.js"}) {
      assumeTrue(Files.isRegularFile(sdk.resolve(bundle)), "skipped: no " + bundle + " in " + sdk
          + " (VODAUTH_WEB_UPLOAD_SDK); .ci/run fetches it from npm (aliyun-upload-vod 1.0.6, ali-oss 6.23.0)");
    }

    issuer = new TokenIssuer().start();
    page = StandInServer.start("/", exchange -> servePage(exchange, sdk));
    local = RunnerFixture.start(Map.of("JWT_ISSUER", issuer.issuer(), "JWT_JWKS_URL", issuer.jwksUrl(),
        "JWT_AUDIENCE", TokenIssuer.AUDIENCE, "JWT_VIDEO_CLAIM", "videos", "CORS_ALLOWED_ORIGINS", page.url()));
    oss = OssStandIn.start(keyId -> local.emulator().uploadCredentials().stream()
        .filter(credential -> credential.accessKeyId().equals(keyId)).findFirst());
    local.emulator().uploadEndpoint(oss.endpoint());

    ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run",
            "--user-data-dir=" + temp.resolve("chromium-profile"));
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
        .usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    pageToken = issuer.sign(issuer.claims().subject("uploader-alice").build());
  }

  @AfterEach
  void stop() {
    if (browser != null) browser.quit();
    if (oss != null) oss.close();
    if (local != null) {
      try {
        local.assertNoSecretLeaked();
      } finally {
        local.close();
      }
    }
    if (page != null) page.close();
    if (issuer != null) issuer.close();
  }

  @Test
  void startsAnUploadWithCreateUploadAndSurvivesATokenExpiryWithRefreshUpload() throws Exception {
    byte[] video = new byte[FILE_SIZE];
    new Random(20261206).nextBytes(video);
    Path file = temp.resolve("holiday clip.mp4");
    Files.write(file, video);

    browser.get(page.url() + "/");
    browser.findElement(By.id("file")).sendKeys(file.toString());

    UploadCredential first = await("create-upload's credential", () -> credential(0));
    byte[] uploaded = await("the completed object", () -> oss.object(first.fileName()));
    assertArrayEquals(video, uploaded, "the object OSS completed is not the file the page chose");

    UploadCredential second = credential(1).orElseThrow();
    assertEquals(2, local.emulator().uploadCredentials().size(), "one create and one refresh: " + diagnosis());
    assertEquals(first.videoId(), second.videoId());
    assertEquals(first.fileName(), second.fileName(), "a refreshed credential writes the same object");
    List<String> journal = oss.journal();
    assertTrue(journal.stream().anyMatch(line -> line.startsWith("UploadPart ") && line.endsWith(first.accessKeyId() + ": 200")),
        "a part went up on create-upload's credential: " + diagnosis());
    assertTrue(journal.stream().anyMatch(line -> line.endsWith(first.accessKeyId() + ": 403 SecurityTokenExpired")),
        "OSS expired create-upload's credential mid-upload: " + diagnosis());
    assertTrue(journal.stream().anyMatch(line -> line.startsWith("CompleteMultipartUpload of 4 parts by " + second.accessKeyId())),
        "refresh-upload's credential finished the upload: " + diagnosis());
    assertFalse(journal.stream().anyMatch(line -> line.contains("SignatureDoesNotMatch") || line.contains("InvalidSecurityToken")
        || line.contains("AccessDenied")), diagnosis());

    // What VOD saw: the create (the subject recorded as creator), then for the refresh the creator check and the refresh.
    List<String> actions = new ArrayList<>();
    RecordedVodRequest request;
    while ((request = local.emulator().takeRequest(0, TimeUnit.SECONDS)) != null) actions.add(request.action());
    assertEquals(List.of("CreateUploadVideo", "GetVideoInfo", "RefreshUploadVideo"), actions, diagnosis());
    assertTrue(local.emulator().video(first.videoId()).tags().contains("creator:"), "the creator tag is on the video");
    assertEquals("holiday clip.mp4", local.emulator().video(first.videoId()).title());
  }

  /**
   * A refused create (a token from another issuer: 401) reaches the page's handler as the README writes it: reported
   * on the console with its code, nothing thrown inside the SDK, no VOD call and nothing sent to OSS.
   */
  @Test
  void aRefusedCreateIsReportedByTheReadmeHandlerWithoutBreakingTheSdk() throws Exception {
    try (TokenIssuer stranger = new TokenIssuer().start()) {
      pageToken = stranger.sign(stranger.claims().subject("uploader-mallory").build());
      Path file = temp.resolve("clip.mp4");
      Files.write(file, new byte[200_000]);

      browser.get(page.url() + "/");
      browser.findElement(By.id("file")).sendKeys(file.toString());

      List<String> console = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (console.stream().noneMatch(line -> line.contains("upload not started")) && System.nanoTime() < deadline) {
        browser.manage().logs().get(LogType.BROWSER).forEach(entry -> console.add(entry.getMessage()));
        Thread.sleep(100);
      }
      String all = String.join("\n", console);
      assertTrue(all.contains("upload not started") && all.contains("401 InvalidToken"), all);
      assertFalse(all.contains("Uncaught"), all);
      assertEquals(null, local.emulator().takeRequest(0, TimeUnit.SECONDS), "no VOD call");
      assertTrue(oss.journal().isEmpty(), oss.journal().toString());
    }
  }

  private Optional<UploadCredential> credential(int index) {
    List<UploadCredential> issued = local.emulator().uploadCredentials();
    return issued.size() > index ? Optional.of(issued.get(index)) : Optional.empty();
  }

  /** Polls for up to 60 s; fails with what the browser, OSS and the runner said. */
  private <T> T await(String what, java.util.function.Supplier<Optional<T>> probe) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Optional<T> value = probe.get();
      if (value.isPresent()) return value.get();
      Thread.sleep(100);
    }
    throw new AssertionError("no " + what + " within 60 s: " + diagnosis());
  }

  private String diagnosis() {
    String console = browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::toString)
        .collect(Collectors.joining("\n  "));
    return "\nOSS:\n  " + String.join("\n  ", oss.journal()) + "\nbrowser console:\n  " + console + "\nrunner log:\n  "
        + String.join("\n  ", local.logLines());
  }

  private void servePage(HttpExchange exchange, Path sdk) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if ("/".equals(path)) {
      String html = RunnerFixture.fixture("web-upload-page.html")
          .replace("${CREATE_UPLOAD_URL}", local.runner().url() + "/create-upload")
          .replace("${REFRESH_UPLOAD_URL}", local.runner().url() + "/refresh-upload")
          .replace("${USER_TOKEN}", pageToken)
          .replace("${README_SNIPPET}", readmeUploadSnippet());
      StandInServer.send(exchange, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    } else if (path.startsWith("/sdk/") && path.endsWith(".min.js") && !path.contains("..")) {
      StandInServer.send(exchange, 200, "text/javascript", Files.readAllBytes(sdk.resolve(path.substring("/sdk/".length()))));
    } else {
      StandInServer.send(exchange, 404, "text/plain", new byte[0]);
    }
  }

  /** The {@code js} block of the README's "The web upload SDK" section. */
  static String readmeUploadSnippet() throws IOException {
    String readme = new String(Files.readAllBytes(Paths.get("../../README.md")), StandardCharsets.UTF_8);
    Matcher block = Pattern.compile("### The web upload SDK[^\\n]*\\n.*?```js\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertTrue(block.find(), "README.md has no js block in its web upload SDK section");
    return block.group(1);
  }

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(java.util.logging.Level.SEVERE);
    return logger;
  }

  private static Path tool(String setting, String fallback) {
    String configured = System.getenv(setting);
    Path path = Paths.get(configured != null ? configured : fallback);
    assumeTrue(Files.isExecutable(path), "skipped: no " + path + " (" + setting + "); .ci/run installs Debian's chromium and chromium-driver");
    return path;
  }
}
