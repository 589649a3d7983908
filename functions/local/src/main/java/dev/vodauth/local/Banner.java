package dev.vodauth.local;

import dev.vodauth.config.Config;
import dev.vodauth.emulator.DemoCatalogue;
import dev.vodauth.emulator.VodEmulator;
import java.io.PrintStream;

/** The start-up text: where the runner listens, which VOD it calls, the demo videos and ready curl lines. */
final class Banner {
  /** The curl option that sends the token a user put in $TOKEN (double quotes: the shell expands it). */
  private static final String TOKEN_HEADER = "-H \"Authorization: Bearer $TOKEN\" ";

  private Banner() {}

  static void print(PrintStream out, LocalRunner runner) {
    String url = runner.url();
    Config config = runner.config();
    out.println("vod-auth local runner listening on " + url);
    for (String path : runner.server().paths()) {
      out.println("  " + (path.startsWith("/events/") ? "POST      " : "GET, POST ") + url + path);
    }
    VodEmulator emulator = runner.backend().emulator();
    if (config.tokensOn()) printTokenNote(out, config);
    if (emulator == null) {
      out.println(vodLine(config, runner.backend().functions().client().usesHttps()));
      out.println("Try:");
      out.println("  curl -i " + (config.tokensOn() ? TOKEN_HEADER : "") + "'" + url + "/play-auth?VideoId=<your VideoId>'");
    } else {
      out.println("VOD: the embedded emulator at " + emulator.endpoint()
          + " (no ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET in the environment).");
      printDemoVideos(out, config.tokensOn());
      printCurlLines(out, url, config.tokensOn());
    }
    out.println("Log level " + config.logLevel() + " (LOG_LEVEL): one JSON line per call below. Ctrl-C stops it.");
    out.flush();
  }

  /**
   * Which VOD the runner calls when it has keys: Alibaba Cloud's own endpoint for the region, or the one VOD_ENDPOINT
   * names (plain HTTP only ever goes to a loopback address, such as a standalone emulator, never to Alibaba Cloud).
   */
  static String vodLine(Config config, boolean https) {
    String keys = ", keys from ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET.";
    if (config.endpoint().equals("vod." + config.region() + ".aliyuncs.com")) {
      return "VOD: the real ApsaraVideo VOD, region " + config.region() + ", endpoint " + config.endpoint()
          + (https ? " (HTTPS)" : " (HTTP)") + keys;
    }
    return "VOD: the endpoint " + config.endpoint() + " from " + Config.VOD_ENDPOINT
        + (https ? " (HTTPS)" : " (HTTP to a loopback address, e.g. a standalone emulator: not Alibaba Cloud)")
        + ", region " + config.region() + keys;
  }

  /** With tokens on, what a call without one gets and where a token for trying comes from. */
  private static void printTokenNote(PrintStream out, Config config) {
    out.println("Caller tokens are on (JWT_ISSUER " + config.tokens().issuer() + ", JWT_AUDIENCE " + config.tokens().audience()
        + "): /play-auth and /refresh-upload answer 401 MissingToken without Authorization: Bearer <token>.");
    out.println("  A token from that issuer goes in TOKEN=...; to try tokens without one, run the stand-in issuer,");
    out.println("  java -cp functions/local/target/vod-auth-local.jar dev.vodauth.emulator.TokenIssuerMain,");
    out.println("  start the runner with the settings it prints and use the TOKEN= line it prints.");
  }

  private static void printDemoVideos(PrintStream out, boolean tokensOn) {
    out.println("Demo videos" + (tokensOn ? ", with a valid token:                  " : ":                                 ")
        + "play-auth                      refresh-upload");
    row(out, DemoCatalogue.PLAYABLE, "playable", "200 PlayAuth", "200 UploadAuth");
    row(out, DemoCatalogue.NOT_YET_PLAYABLE, "not yet playable", "403 Forbidden.IllegalStatus", "200 UploadAuth");
    row(out, DemoCatalogue.BLOCKED, "blocked", "403 Forbidden.IllegalStatus", "200 UploadAuth");
    row(out, DemoCatalogue.DAMAGED, "damaged", "403 Forbidden.IllegalStatus", "400 InvalidVideo.Damaged");
    row(out, DemoCatalogue.UNKNOWN, "unknown", "404 InvalidVideo.NotFound", "404 InvalidVideo.NotFound");
  }

  private static void row(PrintStream out, String videoId, String what, String playAuth, String refresh) {
    out.println(String.format("  %s  %-16s  %-29s  %s", videoId, what, playAuth, refresh));
  }

  private static void printCurlLines(PrintStream out, String url, boolean tokensOn) {
    String id = DemoCatalogue.PLAYABLE;
    String token = tokensOn ? TOKEN_HEADER : "";
    out.println("Try:");
    out.println("  curl -i " + token + "'" + url + "/play-auth?VideoId=" + id + "'");
    out.println("  curl -i " + token + "'" + url + "/play-auth?VideoId=" + id + "&Format=XML'");
    out.println("  curl -i " + token + "-H 'Content-Type: application/json' -d '{\"Title\":\"demo\",\"FileName\":\"demo.mp4\"}' " + url
        + "/create-upload");
    out.println("  curl -i " + token + "-H 'Content-Type: application/json' -d '{\"VideoId\":\"" + id + "\"}' " + url
        + "/refresh-upload");
    out.println("  curl -i -H 'Content-Type: application/json' -d '{\"VideoId\":\"" + id
        + "\",\"Context\":{\"upload\":\"demo-1\"}}' " + url + "/events/refresh-upload");
  }
}
