package dev.vodauth.aws;

import java.lang.reflect.Field;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the Alibaba Cloud SDK's SignatureNonce unique again after a SnapStart restore.
 *
 * <p>{@code com.aliyuncs.utils.ParameterHelper.getUniqueNonce()} hashes the static
 * {@code processStartTime}, the thread ID, {@code currentTimeMillis()}, the static sequence
 * {@code seqId} and a {@code new Random()}. Every environment restored from one snapshot holds
 * the same start time, thread IDs and sequence, and restores in a burst share the millisecond;
 * {@code new Random()} is seeded from a snapshotted counter and {@code nanoTime()}, whose
 * monotonic clock the snapshot also carries. So two environments can sign with the same nonce,
 * which VOD refuses ({@code SignatureNonceUsed}). AWS asks for entropy generated after restore
 * (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-uniqueness.html): setting the sequence
 * to a fresh {@link SecureRandom} value gives each environment its own 64 bits of input to the
 * hash. The field is private, hence reflection; a test pins the SDK's field so an upgrade that
 * moves it fails the build.
 */
final class SignatureNonces {
  static final String HELPER = "com.aliyuncs.utils.ParameterHelper";
  static final String SEQUENCE_FIELD = "seqId";

  private SignatureNonces() {}

  /**
   * Sets the SDK's nonce sequence to a fresh random value.
   *
   * @return false when the SDK no longer has the field (logged by the caller), true otherwise
   */
  static boolean reseed(SecureRandom random) {
    AtomicLong sequence = sequence();
    if (sequence == null) return false;
    sequence.set(random.nextLong());
    return true;
  }

  /** The SDK's nonce sequence, or null when this SDK version has none. */
  static AtomicLong sequence() {
    try {
      Field field = Class.forName(HELPER).getDeclaredField(SEQUENCE_FIELD);
      field.setAccessible(true);
      Object value = field.get(null);
      return value instanceof AtomicLong ? (AtomicLong) value : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
