package dev.vodauth.priming;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodauth.auth.TokenCheck;
import dev.vodauth.config.Config;
import dev.vodauth.credentials.VodCredentials;
import dev.vodauth.function.Invocation;
import dev.vodauth.function.VodFunction;
import dev.vodauth.function.VodFunctions;
import dev.vodauth.http.HttpRequest;
import dev.vodauth.log.InvocationLog;
import dev.vodauth.operation.VodOperation;
import dev.vodauth.vod.VodClient;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Loads and runs the whole request path of every function, HTTP to "VOD" included, without calling
 * VOD or reading keys: a twin of the container's functions, with made-up keys and logging off, is
 * pointed at a stand-in of VOD on a loopback socket ({@link LoopbackVod}) and answers GET and POST
 * (JSON, Base64 form), JSON and XML, refusals, a preflight, an event and a batch, each with the
 * request its operation gives ({@link VodOperation#primingQuery}). The SDK's HTTP client is one per
 * process, so the container's own client is primed too. For SnapStart's beforeCheckpoint and init,
 * and FC's initializer.
 */
public final class Priming {
  private Priming() {}

  /** Primes once, with the shared paths only. */
  public static void prime(VodFunctions functions) {
    prime(functions, 1, twin -> {});
  }

  /**
   * @param rounds how many times: one loads the classes; a few hundred let the JIT compile them,
   *     worth it before a SnapStart snapshot (which keeps compiled code)
   * @param platformPath runs the platform's own translation against the twin, each round
   */
  public static void prime(VodFunctions functions, int rounds, Consumer<VodFunctions> platformPath) {
    functions.client().prepare(); // the container's SDK client, else built at the first VOD call
    List<VodOperation> operations = new ArrayList<>();
    for (VodFunction function : functions.all()) operations.add(function.operation());
    Config config = functions.config();
    ObjectMapper json = functions.json();
    try (LoopbackVod vod = LoopbackVod.start(operations)) {
      // A made-up PlayKey: where JWTPlayAuths are offered they are primed, and no PlayKey is read.
      Config twinConfig = config.withOverrides(Map.of(Config.VOD_ENDPOINT, vod.endpoint(), Config.VOD_MAX_RETRIES, "0",
          Config.LOG_LEVEL, "OFF", Config.VOD_PLAY_KEY, "primingPlayKey0"));
      VodCredentials madeUp = VodCredentials.of("priming-key-id", "priming-key-secret");
      TokenPriming tokens = config.tokensOn() ? TokenPriming.of(config.tokens()) : null;
      VodFunctions twin = VodFunctions.create(twinConfig, VodClient.create(twinConfig, () -> madeUp, json),
          InvocationLog.to(line -> {}, "OFF", Clock.systemUTC(), json), json,
          tokens != null ? tokens.check() : TokenCheck.off());
      for (int round = 0; round < rounds; round++) {
        for (VodFunction function : twin.all()) runEveryPath(function, json, tokens != null ? tokens.authorization() : null);
        platformPath.accept(twin);
      }
    }
  }

  /** @param authorization a token the twin accepts, or null when tokens are off */
  private static void runEveryPath(VodFunction function, ObjectMapper json, String authorization) {
    String query = function.operation().primingQuery();
    ObjectNode message = json.createObjectNode();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      message.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    Invocation invocation = Invocation.of("prime", "prime", 5_000);
    function.handleHttp(HttpRequest.builder("GET").header("Authorization", authorization).rawQuery(query).build(), invocation);
    function.handleHttp(HttpRequest.builder("GET").header("Authorization", authorization)
        .rawQuery(query + "&Format=XML").build(), invocation);
    function.handleHttp(HttpRequest.builder("GET").header("Authorization", authorization)
        .rawQuery(query + "&PlayAuthType=JWT").build(), invocation); // play-auth's other kind, where offered
    function.handleHttp(HttpRequest.builder("POST").header("Authorization", authorization).header("Content-Type", "application/json")
        .body(message.toString(), false).build(), invocation);
    function.handleHttp(HttpRequest.builder("POST").header("Authorization", authorization)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(Base64.getEncoder().encodeToString(query.getBytes(StandardCharsets.UTF_8)), true).build(), invocation);
    function.handleHttp(HttpRequest.builder("GET").header("Authorization", authorization)
        .rawQuery("VideoId=-&AuthInfoTimeout=1&Title=&FileName=-").build(), invocation);
    function.handleHttp(HttpRequest.builder("GET").rawQuery(query).build(), invocation); // no token: 401 when on
    function.handleHttp(HttpRequest.builder("OPTIONS").header("Origin", "https://prime.invalid").build(), invocation);
    ObjectNode event = message.deepCopy();
    event.putObject("Context").put("prime", true);
    function.handleEvent(event, invocation);
    function.handleEventBatch(List.of(event, json.getNodeFactory().textNode("not json")), invocation);
  }
}
