package dev.vodauth.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyuncs.utils.ParameterHelper;
import dev.vodauth.credentials.EnvironmentCredentials;
import dev.vodauth.emulator.VodEmulator;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SnapStart: priming calls nothing, no keys cross a snapshot, restored environments sign with their own nonces. */
@Timeout(30)
class SnapStartHooksTest {
  private VodEmulator emulator;
  private ExtensionStandIn extension;
  private Harness harness;

  @BeforeEach
  void start() throws Exception {
    emulator = new VodEmulator().start().withDemoCatalogue();
    extension = new ExtensionStandIn().serve(Harness.KEY_ID, Harness.KEY_SECRET);
    harness = new Harness(emulator);
    harness.environment.remove(EnvironmentCredentials.ACCESS_KEY_ID);
    harness.environment.remove(EnvironmentCredentials.ACCESS_KEY_SECRET);
    harness.environment.putAll(extension.environment());
  }

  @AfterEach
  void stop() {
    extension.close();
    emulator.close();
  }

  @Test
  void beforeCheckpointPrimesWithoutCallingVodOrReadingKeys() throws Exception {
    harness.container().hooks().beforeCheckpoint(null);

    assertEquals(0, emulator.requestCount());
    assertEquals(0, extension.hits());
    assertTrue(harness.logLines.isEmpty(), "priming logs nothing: " + harness.logLines);
  }

  @Test
  void beforeCheckpointDropsKeysLoadedEarlierSoNoneAreInTheSnapshot() throws Exception {
    invokeOnce();
    assertEquals(1, extension.hits());

    harness.container().hooks().beforeCheckpoint(null);
    invokeOnce();

    assertEquals(2, extension.hits()); // read again: the cache was empty after the checkpoint
  }

  @Test
  void afterRestoreReloadsKeys() throws Exception {
    invokeOnce();

    harness.container().hooks().afterRestore(null);
    invokeOnce();

    assertEquals(2, extension.hits());
  }

  @Test
  void afterRestoreGivesEachEnvironmentItsOwnNonceSequence() throws Exception {
    AtomicLong sequence = SignatureNonces.sequence();
    assertNotNull(sequence, "the SDK's ParameterHelper.seqId moved: revisit SignatureNonces");
    Set<Long> starts = new HashSet<>();
    for (int environment = 0; environment < 5; environment++) {
      sequence.set(2); // what every environment restored from one snapshot holds
      harness.container().hooks().afterRestore(null);
      starts.add(sequence.get());
    }

    assertEquals(5, starts.size(), "five restores, five different starts: " + starts);
  }

  @Test
  void theSdkStillDrawsItsNonceFromTheSequenceWeReseed() {
    AtomicLong sequence = SignatureNonces.sequence();
    long before = sequence.get();

    String nonce = ParameterHelper.getUniqueNonce();

    assertEquals(before + 1, sequence.get());
    assertEquals(32, nonce.length());
    assertTrue(SignatureNonces.reseed(new SecureRandom()));
    assertNotEquals(before + 1, sequence.get());
  }

  private void invokeOnce() {
    assertEquals(200, harness.invoke(harness.playAuth(), Harness.resource("events/v2/get.json")).path("statusCode").asInt());
  }
}
