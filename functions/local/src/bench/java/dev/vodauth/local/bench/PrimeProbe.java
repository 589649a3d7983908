package dev.vodauth.local.bench;

import dev.vodauth.config.Config;
import dev.vodauth.credentials.EnvironmentCredentials;
import dev.vodauth.function.VodFunctions;
import java.util.HashMap;
import java.util.Map;

/**
 * One fresh JVM's container start as Lambda's init and FC's initializer do it: build the functions,
 * then prime them once. Prints {@code build=<ms> prime=<ms>}. Tokens are on when a JWT_ISSUER
 * argument is given (priming then makes up a key and checks a token; nothing is fetched).
 */
public final class PrimeProbe {
  private PrimeProbe() {}

  public static void main(String[] args) {
    long t0 = System.nanoTime();
    Map<String, String> env = new HashMap<>();
    if (args.length == 1) {
      env.put(Config.JWT_ISSUER, args[0]);
      env.put(Config.JWT_JWKS_URL, "https://issuer.invalid/.well-known/jwks.json");
      env.put(Config.JWT_AUDIENCE, "bench");
      env.put(Config.JWT_VIDEO_CLAIM, "videos");
    }
    env.put(Config.LOG_LEVEL, "OFF");
    VodFunctions functions = VodFunctions.create(Config.from(env), EnvironmentCredentials.from(env));
    long built = System.nanoTime();
    dev.vodauth.priming.Priming.prime(functions);
    long primed = System.nanoTime();
    System.out.printf("build=%.1f prime=%.1f%n", (built - t0) / 1e6, (primed - built) / 1e6);
  }
}
