package dev.vodauth.fc;

import dev.vodauth.config.Config;
import dev.vodauth.credentials.EnvironmentCredentials;
import dev.vodauth.function.VodFunctions;

/**
 * The instance's one {@link VodFunctions}, built on first use from the environment. The role's keys
 * come with each invocation (see {@link RoleCredentials}); the environment's keys are the
 * container-wide fallback for a function without a role.
 */
final class FcContainer {
  private FcContainer() {}

  static VodFunctions functions() {
    return Holder.FUNCTIONS;
  }

  /** Whether the initializer primes ({@link InitializerPriming}); read with the functions. */
  static boolean primesOnInitialize() {
    return Holder.PRIME_ON_INITIALIZE;
  }

  /** Lazy, thread-safe initialisation by the class loader: built once, whichever handler asks first. */
  private static final class Holder {
    static final VodFunctions FUNCTIONS =
        VodFunctions.create(Config.from(System.getenv()), EnvironmentCredentials.from(System.getenv()));
    static final boolean PRIME_ON_INITIALIZE = InitializerPriming.from(System.getenv());
  }
}
