package dev.vodauth.aws.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vodauth.credentials.CredentialsUnavailableException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The function role's keys: Lambda's variables, or (SnapStart) the container credentials endpoint. */
@Timeout(30)
class LambdaRoleCredentialsTest {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private final Map<String, String> env = new HashMap<>();
  private ContainerCredentialsStandIn container;
  private LambdaRoleCredentials role;

  @BeforeEach
  void start() throws Exception {
    container = new ContainerCredentialsStandIn();
    role = new LambdaRoleCredentials(env, http, new ObjectMapper());
  }

  @AfterEach
  void stop() {
    container.close();
  }

  @Test
  void lambdasVariablesAreReadAtEachLoad() {
    env.put(LambdaRoleCredentials.ACCESS_KEY_ID, "ROLEKEYONE");
    env.put(LambdaRoleCredentials.SECRET_ACCESS_KEY, "secret-one");
    env.put(LambdaRoleCredentials.SESSION_TOKEN, "token-one");
    AwsCredentials first = role.load();

    env.put(LambdaRoleCredentials.ACCESS_KEY_ID, "ROLEKEYTWO");
    env.remove(LambdaRoleCredentials.SESSION_TOKEN);
    AwsCredentials second = role.load();

    assertEquals("ROLEKEYONE", first.accessKeyId());
    assertEquals("token-one", first.sessionToken());
    assertEquals("ROLEKEYTWO", second.accessKeyId());
    assertNull(second.sessionToken());
    assertEquals(0, container.hits());
  }

  @Test
  void theContainerEndpointWinsWhenSetAndIsCalledWithItsAuthorizationToken() {
    env.put(LambdaRoleCredentials.ACCESS_KEY_ID, "IGNOREDKEYID");
    env.put(LambdaRoleCredentials.SECRET_ACCESS_KEY, "ignored-secret");
    snapStart();

    AwsCredentials keys = role.load();

    assertEquals(ContainerCredentialsStandIn.KEYS.accessKeyId(), keys.accessKeyId());
    assertEquals(ContainerCredentialsStandIn.KEYS.secretAccessKey(), keys.secretAccessKey());
    assertEquals(ContainerCredentialsStandIn.KEYS.sessionToken(), keys.sessionToken());
    assertEquals(1, container.hits());
  }

  @Test
  void aTokenFileWinsOverTheTokenVariable(@TempDir Path dir) throws Exception {
    snapStart();
    env.put(LambdaRoleCredentials.AUTHORIZATION_TOKEN, "a-stale-token");
    Path file = dir.resolve("token");
    Files.write(file, (ContainerCredentialsStandIn.AUTHORIZATION_TOKEN + "\n").getBytes(StandardCharsets.UTF_8));
    env.put(LambdaRoleCredentials.AUTHORIZATION_TOKEN_FILE, file.toString());

    assertEquals(ContainerCredentialsStandIn.KEYS.accessKeyId(), role.load().accessKeyId());
  }

  @Test
  void theEndpointIsAskedAtEachLoadTheSecretsCacheIsTheOnlyCache() {
    snapStart();
    container.expiring(Instant.now().plus(Duration.ofMinutes(60)));

    role.load();
    role.load();

    assertEquals(2, container.hits());
  }

  @Test
  void aRefusedAuthorizationTokenIsAClearErrorWithoutTheToken() {
    snapStart();
    env.put(LambdaRoleCredentials.AUTHORIZATION_TOKEN, "wrong-token-do-not-leak");

    CredentialsUnavailableException e = assertThrows(CredentialsUnavailableException.class, role::load);

    assertEquals("no credentials of the function's role: the container credentials endpoint answered HTTP 401",
        e.getMessage());
    assertFalse(e.getMessage().contains("wrong-token-do-not-leak"));
  }

  @Test
  void plainHttpToAnEndpointElsewhereIsRefused() {
    env.put(LambdaRoleCredentials.FULL_URI, "http://credentials.example.com/creds");

    CredentialsUnavailableException e = assertThrows(CredentialsUnavailableException.class, role::load);

    assertEquals("no credentials of the function's role: AWS_CONTAINER_CREDENTIALS_FULL_URI must be https,"
        + " or http to a loopback address", e.getMessage());
    assertEquals(0, container.hits());
  }

  @Test
  void theKeysAreMaskedInToString() {
    snapStart();
    String text = role.load().toString();

    assertFalse(text.contains(ContainerCredentialsStandIn.KEYS.secretAccessKey()), text);
    assertFalse(text.contains(ContainerCredentialsStandIn.KEYS.sessionToken()), text);
  }

  private void snapStart() {
    env.put(LambdaRoleCredentials.FULL_URI, container.uri());
    env.put(LambdaRoleCredentials.AUTHORIZATION_TOKEN, ContainerCredentialsStandIn.AUTHORIZATION_TOKEN);
    container.expiring(Instant.parse("2026-11-21T09:00:00Z"));
  }
}
