package dev.vodauth.fuzz;

import dev.vodauth.emulator.ScriptedResponse;
import dev.vodauth.emulator.SocketEffect;
import dev.vodauth.emulator.VodEmulator;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** A VOD fault scripted for one generated case; it applies only if the case reaches VOD. */
public enum VodFault {
  NONE,
  THROTTLED,
  INTERNAL_ERROR,
  UNAVAILABLE,
  DISCONNECT,
  /** A non-credential code whose message quotes the keys the call was signed with. */
  QUOTES_THE_KEYS;

  /** Mostly none: most generated cases are refused before VOD anyway. */
  public static Gen<VodFault> gen() {
    return Generate.frequency(Pair.of(12, Generate.constant(NONE)), Pair.of(1, Generate.enumValues(VodFault.class)));
  }

  /**
   * Scripts the fault for every attempt of one call (the emulator's script is cleared first);
   * true when a fault was scripted, and a 5xx or a failed event invocation is then documented.
   */
  public boolean script(VodEmulator emulator, String keyId, String secret, String token) {
    emulator.clearScript();
    if (this == NONE) return false;
    for (int attempt = 0; attempt < 3; attempt++) {
      switch (this) {
        case THROTTLED:
          emulator.enqueue(ScriptedResponse.throttling());
          break;
        case INTERNAL_ERROR:
          emulator.enqueue(ScriptedResponse.internalError());
          break;
        case UNAVAILABLE:
          emulator.enqueue(ScriptedResponse.serviceUnavailable());
          break;
        case DISCONNECT:
          emulator.enqueue(ScriptedResponse.fault(SocketEffect.DISCONNECT_AT_START));
          break;
        default:
          emulator.enqueue(ScriptedResponse.error(400, "InvalidParameter.Token",
              "The specified token " + token + " is not valid for key " + keyId + " (" + secret + ")"));
          break;
      }
    }
    return true;
  }
}
