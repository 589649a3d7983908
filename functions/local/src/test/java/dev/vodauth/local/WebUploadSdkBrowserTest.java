package dev.vodauth.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  /** The npm packages whose browser bundles the test loads, as .ci/run names their cache directory. */
  private static final String SDK_VERSIONS = "aliyun-upload-vod-1.0.6+ali-oss-6.23.0";
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
  /** The README's snippet, read before the page is served (a page server thread cannot fail the test). */
  private String readmeSnippet;
  /** The browser console so far (reading Chromium's log empties it). */
  private final List<String> console = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    Path chromium = tool("VODAUTH_CHROMIUM", "/usr/bin/chromium");
    Path chromedriver = tool("VODAUTH_CHROMEDRIVER", "/usr/bin/chromedriver");
    String sdkSetting = System.getenv("VODAUTH_WEB_UPLOAD_SDK");
    Path sdk = Paths.get(sdkSetting != null ? sdkSetting : System.getProperty("user.home") + "/.cache/vod-auth/web-upload-sdk/" + SDK_VERSIONS);
    for (String bundle : new String[] {"aliyun-upload-vod.min.js", "aliyun-oss-sdk.min.js"}) {
      assumeTrue(Files.isRegularFile(sdk.resolve(bundle)), "skipped: no " + bundle + " in " + sdk
          + " (VODAUTH_WEB_UPLOAD_SDK); .ci/run fetches it from npm (" + SDK_VERSIONS + ")");
    }

    readmeSnippet = readmeUploadSnippet();
    issuer = new TokenIssuer().start();
    page = StandInServer.start("/", exchange -> servePage(exchange, sdk));
    local = RunnerFixture.start(Map.of("JWT_ISSUER", issuer.issuer(), "JWT_JWKS_URL", issuer.jwksUrl(),
        "JWT_AUDIENCE", TokenIssuer.AUDIENCE, "JWT_VIDEO_CLAIM", "videos", "CORS_ALLOWED_ORIGINS", page.url()));
    oss = OssStandIn.start(keyId -> local.emulator().uploadCredentials().stream()
        .filter(credential -> credential.accessKeyId().equals(keyId)).findFirst());
    local.emulator().uploadEndpoint(oss.endpoint());

    ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run",
            "--user-data-dir=" + temp.resolve("chromium-profile"),
            // Loopback only: whatever the page or the SDK asks for elsewhere never leaves the machine.
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1");
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
    String succeeded = "\"uploaded\" \"" + first.videoId() + "\"";  // the README's onUploadSucceed, as the console shows it
    await("the SDK's onUploadSucceed", () -> consoleLines().stream().filter(line -> line.contains(succeeded)).findFirst());

    assertEquals(2, local.emulator().uploadCredentials().size(), () -> "one create and one refresh: " + diagnosis());
    UploadCredential second = credential(1).orElseThrow();
    assertEquals(first.videoId(), second.videoId());
    assertEquals(first.fileName(), second.fileName(), "a refreshed credential writes the same object");
    List<String> journal = oss.journal();
    assertEquals(1, journal.stream().filter(line -> line.startsWith("InitiateMultipartUpload")).count(),
        () -> "one multipart upload, begun on create-upload's credential: " + diagnosis());
    assertTrue(journal.stream().anyMatch(line -> line.startsWith("UploadPart ")
        && line.endsWith(first.accessKeyId() + ": 403 SecurityTokenExpired")),
        () -> "OSS expired create-upload's credential mid-upload: " + diagnosis());
    // It resumed: the parts OSS took on the first credential were not sent again on the second, and together they are all four.
    Set<String> onFirst = partsAccepted(journal, first);
    Set<String> onSecond = partsAccepted(journal, second);
    assertEquals(1, onFirst.size(), () -> diagnosis());
    assertTrue(Collections.disjoint(onFirst, onSecond), () -> diagnosis());
    Set<String> all = new TreeSet<>(onFirst);
    all.addAll(onSecond);
    assertEquals(Set.of("1", "2", "3", "4"), all, () -> diagnosis());
    assertTrue(journal.contains("CompleteMultipartUpload of 4 parts by " + second.accessKeyId() + ": 200"),
        () -> "refresh-upload's credential finished the upload: " + diagnosis());
    String k1 = Pattern.quote(first.accessKeyId());
    String k2 = Pattern.quote(second.accessKeyId());
    Pattern expected = Pattern.compile("InitiateMultipartUpload by " + k1 + ": 200|UploadPart \\d by " + k1
        + ": (200|403 SecurityTokenExpired)|UploadPart \\d by " + k2 + ": 200|CompleteMultipartUpload of 4 parts by " + k2 + ": 200");
    assertTrue(journal.stream().allMatch(line -> expected.matcher(line).matches()), () -> "nothing else reached OSS: " + diagnosis());
    assertTrue(consoleLines().stream().noneMatch(line -> line.contains("upload failed") || line.contains("upload paused")
        || line.contains("upload not started")), () -> diagnosis());

    // What VOD saw: the create (the subject recorded as creator), then for the refresh the creator check and the refresh.
    List<String> actions = new ArrayList<>();
    RecordedVodRequest request;
    while ((request = local.emulator().takeRequest(0, TimeUnit.SECONDS)) != null) actions.add(request.action());
    assertEquals(List.of("CreateUploadVideo", "GetVideoInfo", "RefreshUploadVideo"), actions, () -> diagnosis());
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

      await("the page's report", () -> consoleLines().stream().filter(line -> line.contains("upload not started")).findFirst());
      Thread.sleep(500);  // anything the SDK would throw after the handler's report
      String all = String.join("\n", consoleLines());
      assertTrue(all.contains("401 InvalidToken"), all);
      assertFalse(all.contains("Uncaught"), all);
      assertNull(local.emulator().takeRequest(0, TimeUnit.SECONDS), "no VOD call");
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

  /** The browser console so far, Chromium's new entries added. */
  private List<String> consoleLines() {
    for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) console.add(entry.getLevel() + " " + entry.getMessage());
    return console;
  }

  /** The part numbers OSS accepted on this credential. */
  private static Set<String> partsAccepted(List<String> journal, UploadCredential credential) {
    Set<String> parts = new TreeSet<>();
    Matcher line = Pattern.compile("UploadPart (\\d+) by " + Pattern.quote(credential.accessKeyId()) + ": 200").matcher("");
    for (String entry : journal) if (line.reset(entry).matches()) parts.add(line.group(1));
    return parts;
  }

  private String diagnosis() {
    return "\nOSS:\n  " + String.join("\n  ", oss.journal()) + "\nbrowser console:\n  "
        + String.join("\n  ", consoleLines()) + "\nrunner log:\n  " + String.join("\n  ", local.logLines());
  }

  private void servePage(HttpExchange exchange, Path sdk) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if ("/".equals(path)) {
      String html = RunnerFixture.fixture("web-upload-page.html")
          .replace("${CREATE_UPLOAD_URL}", local.runner().url() + "/create-upload")
          .replace("${REFRESH_UPLOAD_URL}", local.runner().url() + "/refresh-upload")
          .replace("${USER_TOKEN}", pageToken)
          .replace("${README_SNIPPET}", readmeSnippet);
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
