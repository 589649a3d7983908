package dev.vodauth.aws;

import dev.vodauth.credentials.CredentialsSource;
import dev.vodauth.function.VodFunctions;
import java.security.SecureRandom;
import java.util.function.Consumer;
import org.crac.Context;
import org.crac.Resource;

/**
 * SnapStart's runtime hooks (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-runtime-hooks.html):
 * before the snapshot, run the request path (the handlers against a stand-in of VOD on a loopback
 * socket: {@link HandlerPriming}) so its classes are loaded and compiled, and drop any keys; after a
 * restore, drop keys again (the VOD keys, the role's, a PlayKey read from VOD or the secret) and make
 * the SDK's nonces unique to this environment.
 */
final class SnapStartHooks implements Resource {
  /** Loopback invocations before the snapshot: enough for the JIT to compile the request path. */
  static final int CHECKPOINT_PRIMING_ROUNDS = 200;

  private final VodFunctions functions;
  private final CredentialsSource credentials;
  private final Consumer<String> warnings;

  SnapStartHooks(VodFunctions functions, CredentialsSource credentials, Consumer<String> warnings) {
    this.functions = functions;
    this.credentials = credentials;
    this.warnings = warnings;
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    // Calls no VOD and reads no keys; paid once when the version is published, not at each restore.
    // An optimisation: a failure is logged, and the snapshot is still taken.
    HandlerPriming.tryPriming(() -> HandlerPriming.prime(functions, CHECKPOINT_PRIMING_ROUNDS), "beforeCheckpoint",
        warnings);
    credentials.invalidate(); // no keys in the snapshot, neither VOD's nor the role's, whatever ran before it
    functions.forgetKeys(); // nor a PlayKey read from VOD or the secret
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // Drops the VOD keys and the role credentials fetched for Secrets Manager alike, and the PlayKey.
    credentials.invalidate();
    functions.forgetKeys();
    // A SecureRandom made after the restore draws on the restored environment's entropy.
    if (!SignatureNonces.reseed(new SecureRandom())) {
      warnings.accept("{\"level\":\"WARN\",\"message\":\"SnapStart: the VOD SDK's nonce sequence was not found;"
          + " restored environments may repeat SignatureNonces (VOD answers SignatureNonceUsed, retried)\"}");
    }
  }
}
