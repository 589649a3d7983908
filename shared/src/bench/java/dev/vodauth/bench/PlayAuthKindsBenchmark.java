package dev.vodauth.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vodauth.config.Config;
import dev.vodauth.emulator.DemoCatalogue;
import dev.vodauth.emulator.VodEmulator;
import dev.vodauth.function.Invocation;
import dev.vodauth.function.VodFunction;
import dev.vodauth.function.VodFunctions;
import dev.vodauth.http.HttpRequest;
import dev.vodauth.log.InvocationLog;
import dev.vodauth.vod.VodClient;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * play-auth per call, in process, the two kinds in one run: the classic PlayAuth (GetVideoPlayAuth
 * over HTTP to the emulator on 127.0.0.1, the SDK signing it) against a JWTPlayAuth (signed here
 * with a configured PlayKey, no VOD call), through the same {@link VodFunction#handleHttp}, rounds
 * interleaved so both see the same machine. Prints p50 and p99 of each and their ratios.
 *
 * <p>Arguments: {@code [warm-up calls per kind (default 20000)] [measured calls per kind (default 20000)]}.
 */
public final class PlayAuthKindsBenchmark {
  private PlayAuthKindsBenchmark() {}

  public static void main(String[] args) throws Exception {
    int warmUp = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int measured = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    ObjectMapper json = new ObjectMapper();
    try (VodEmulator emulator = new VodEmulator().start().withDefaultAccount().withDemoCatalogue()) {
      Config config = Config.from(Map.of(Config.VOD_ENDPOINT, emulator.endpoint(), Config.PLAY_AUTH_TYPES, "VOD,JWT",
          Config.VOD_PLAY_KEY, "benchPlayKey2026", Config.LOG_LEVEL, "INFO"));
      VodClient client = VodClient.create(config,
          () -> dev.vodauth.credentials.VodCredentials.of(VodEmulator.EMULATOR_ACCESS_KEY_ID, VodEmulator.EMULATOR_ACCESS_KEY_SECRET), json);
      // The log line is written (to nowhere): its cost is part of every call.
      VodFunction playAuth = VodFunctions.create(config, client, InvocationLog.to(line -> {}, "INFO", Clock.systemUTC(), json), json)
          .playAuth();
      HttpRequest classic = HttpRequest.builder("GET").rawQuery("VideoId=" + DemoCatalogue.PLAYABLE).build();
      HttpRequest jwt = HttpRequest.builder("GET").rawQuery("VideoId=" + DemoCatalogue.PLAYABLE + "&PlayAuthType=JWT").build();
      long[] classicNanos = new long[measured];
      long[] jwtNanos = new long[measured];
      for (int i = 0; i < warmUp; i++) {
        call(playAuth, classic);
        call(playAuth, jwt);
      }
      for (int i = 0; i < measured; i++) {
        classicNanos[i] = call(playAuth, classic);
        jwtNanos[i] = call(playAuth, jwt);
      }
      Arrays.sort(classicNanos);
      Arrays.sort(jwtNanos);
      System.out.printf(Locale.ROOT, "play-auth per call in process, %,d warm-up and %,d measured calls per kind, interleaved;"
          + " %d CPUs, java %s, load average %s%n", warmUp, measured, Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"), new String(java.nio.file.Files.readAllBytes(java.nio.file.Paths.get("/proc/loadavg"))).trim());
      print("classic (GetVideoPlayAuth via emulator)", classicNanos);
      print("JWT (configured PlayKey, no VOD call)", jwtNanos);
      System.out.printf(Locale.ROOT, "classic / JWT: p50 %.1fx, p99 %.1fx%n",
          (double) percentile(classicNanos, 50) / percentile(jwtNanos, 50), (double) percentile(classicNanos, 99) / percentile(jwtNanos, 99));
    }
  }

  private static long call(VodFunction function, HttpRequest request) {
    long start = System.nanoTime();
    int status = function.handleHttp(request, Invocation.of("bench", "bench", 5_000)).status();
    long took = System.nanoTime() - start;
    if (status != 200) throw new IllegalStateException("play-auth answered " + status);
    return took;
  }

  private static void print(String name, long[] sorted) {
    System.out.printf(Locale.ROOT, "  %-42s p50 %8.1f us  p99 %8.1f us  max %8.1f us%n", name,
        percentile(sorted, 50) / 1e3, percentile(sorted, 99) / 1e3, sorted[sorted.length - 1] / 1e3);
  }

  private static long percentile(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }
}
