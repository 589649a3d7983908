package dev.vodauth.aws;

import dev.vodauth.aws.keys.SecretsManagerStandIn;
import dev.vodauth.aws.keys.ContainerCredentialsStandIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyuncs.utils.ParameterHelper;
import dev.vodauth.credentials.EnvironmentCredentials;
import dev.vodauth.emulator.VodEmulator;
import java.security.SecureRandom;
import java.util.List;
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
  private SecretsManagerStandIn secretsManager;
  private ContainerCredentialsStandIn container;
  private Harness harness;

  @BeforeEach
  void start() throws Exception {
    emulator = new VodEmulator().start().withDemoCatalogue();
    secretsManager = new SecretsManagerStandIn().serve(Harness.KEY_ID, Harness.KEY_SECRET);
    container = new ContainerCredentialsStandIn();
    harness = new Harness(emulator);
    harness.environment.remove(EnvironmentCredentials.ACCESS_KEY_ID);
    harness.environment.remove(EnvironmentCredentials.ACCESS_KEY_SECRET);
    // As Lambda runs a SnapStart function: role keys from the container endpoint, no AWS_SESSION_TOKEN.
    harness.environment.putAll(secretsManager.snapStartEnvironment(container));
  }

  @AfterEach
  void stop() {
    container.close();
    secretsManager.close();
    emulator.close();
  }

  @Test
  void beforeCheckpointPrimesWithoutCallingVodOrReadingKeys() throws Exception {
    harness.container().hooks().beforeCheckpoint(null);

    assertEquals(0, emulator.requestCount());
    assertEquals(0, secretsManager.getSecretValueCalls());
    assertEquals(0, container.hits());
    assertTrue(harness.logLines.isEmpty(), "priming logs nothing: " + harness.logLines);
  }

  @Test
  void beforeCheckpointDropsKeysLoadedEarlierSoNoneAreInTheSnapshot() throws Exception {
    invokeOnce();
    assertEquals(1, secretsManager.getSecretValueCalls());

    harness.container().hooks().beforeCheckpoint(null);
    invokeOnce();

    assertEquals(2, secretsManager.getSecretValueCalls()); // read again: the cache was empty after the checkpoint
    assertEquals(2, container.hits()); // and so were the role's keys
  }

  @Test
  void afterRestoreReloadsTheKeysAndTheRoleCredentials() throws Exception {
    invokeOnce();
    invokeOnce();
    assertEquals(1, secretsManager.getSecretValueCalls());
    assertEquals(1, container.hits());

    harness.container().hooks().afterRestore(null);
    invokeOnce();

    assertEquals(2, secretsManager.getSecretValueCalls());
    assertEquals(2, container.hits());
    assertEquals(ContainerCredentialsStandIn.SESSION_TOKEN, secretsManager.lastSecurityToken());
    assertEquals(List.of(), secretsManager.refusals());
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
