package dev.vodauth.fc;

import java.util.Map;

/**
 * Whether FC's initializer primes the request path ({@code PRIME_ON_INITIALIZE}, off unless
 * {@code true}). Off on on-demand instances: the first caller of a new instance waits for the
 * initializer too, and one priming pass costs more than it saves on that first call
 * (BENCHMARKS.md). On for a function (or version) served by provisioned instances, which FC starts
 * ahead of traffic: FC tells an instance nothing of which kind it is, so the deploy file says it.
 */
final class InitializerPriming {
  static final String SETTING = "PRIME_ON_INITIALIZE";

  private InitializerPriming() {}

  /** The setting in this environment: {@code true}, or {@code false}/empty/absent; anything else is refused. */
  static boolean from(Map<String, String> environment) {
    String value = environment.get(SETTING);
    if (value == null || value.isEmpty() || value.equals("false")) return false;
    if (value.equals("true")) return true;
    throw new IllegalArgumentException(SETTING + " must be true or false, got '" + value + "'");
  }
}
