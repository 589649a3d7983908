package dev.vodauth.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vodauth.credentials.VodCredentials;
import dev.vodauth.emulator.ScriptedResponse;
import dev.vodauth.emulator.SocketEffect;
import dev.vodauth.http.HttpRequest;
import dev.vodauth.http.HttpResponse;
import dev.vodauth.pipeline.EventFailureException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Drives every error path with known secrets and scans each answer, each log line and each
 * exception message for them, and for the credentials VOD issued.
 */
@Timeout(60)
class SecretLeakTest {
  private static final String STS_ID = "STS.leak-test-id";
  private static final String STS_SECRET = "sts-secret-Kq83nZ";
  private static final String STS_TOKEN = "sts-token-CAIS9fjq2LrTnM";

  private final FunctionFixture fixture = new FunctionFixture();
  private final AtomicReference<VodCredentials> containerKeys = new AtomicReference<>();
  private final List<String> seen = new ArrayList<>();
  private final List<String> issued = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    containerKeys.set(VodCredentials.of(FunctionFixture.KEY_ID, FunctionFixture.KEY_SECRET));
    fixture.start(Map.of("VOD_READ_TIMEOUT_MS", "100"), containerKeys::get);
    fixture.emulator.addStsKey(STS_ID, STS_SECRET, STS_TOKEN);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  @Test
  void noSecretReachesAnAnswerALogLineOrAnException() throws Exception {
    List<Consumer<FunctionFixture>> faults = List.of(
        f -> {},
        f -> f.emulator.enqueue(ScriptedResponse.throttling()),
        f -> { for (int i = 0; i < 3; i++) f.emulator.enqueue(ScriptedResponse.throttling()); },
        f -> { for (int i = 0; i < 3; i++) f.emulator.enqueue(ScriptedResponse.internalError()); },
        f -> { for (int i = 0; i < 3; i++) f.emulator.enqueue(ScriptedResponse.fault(SocketEffect.DISCONNECT_AT_START)); },
        f -> { for (int i = 0; i < 3; i++) f.emulator.enqueue(ScriptedResponse.fault(SocketEffect.STALL)); },
        f -> { for (int i = 0; i < 3; i++) f.emulator.enqueue(ScriptedResponse.fault(SocketEffect.TRUNCATE_BODY)); },
        f -> { for (int i = 0; i < 3; i++) f.emulator.enqueue(ScriptedResponse.fault(SocketEffect.TRUNCATE_JSON)); },
        f -> f.emulator.enqueue(ScriptedResponse.error(403, "Forbidden.NoPermission",
            "denied for AccessKeyId=" + FunctionFixture.KEY_ID + " SecurityToken=" + STS_TOKEN)));
    String[] ids = {FunctionFixture.PLAYABLE, FunctionFixture.UPLOADING, FunctionFixture.DAMAGED, FunctionFixture.UNKNOWN};
    for (Consumer<FunctionFixture> fault : faults) {
      for (String id : ids) {
        fault.accept(fixture);
        http(fixture.functions.playAuth(), id, null);
        fault.accept(fixture);
        http(fixture.functions.refreshUpload(), id, null);
        fault.accept(fixture);
        http(fixture.functions.playAuth(), id, VodCredentials.of(STS_ID, STS_SECRET, STS_TOKEN));
        fault.accept(fixture);
        event(id);
      }
    }
    // Keys VOD rejects: a wrong secret (SignatureDoesNotMatch echoes the signed string), an
    // unknown key, an expired token, and no keys at all.
    containerKeys.set(VodCredentials.of(FunctionFixture.KEY_ID, "wrong-secret-Zp0q"));
    http(fixture.functions.playAuth(), FunctionFixture.PLAYABLE, null);
    containerKeys.set(VodCredentials.of("unknown-id", FunctionFixture.KEY_SECRET));
    http(fixture.functions.playAuth(), FunctionFixture.PLAYABLE, null);
    fixture.emulator.expireSecurityToken(STS_TOKEN);
    http(fixture.functions.refreshUpload(), FunctionFixture.UPLOADING, VodCredentials.of(STS_ID, STS_SECRET, STS_TOKEN));
    seen.addAll(fixture.logLines);

    assertTrue(seen.size() > 100, "scanned " + seen.size());
    for (String text : seen) {
      for (String secret : secrets()) {
        assertFalse(text.contains(secret), "a secret leaked into: " + text);
      }
    }
  }

  private List<String> secrets() {
    List<String> secrets = new ArrayList<>(List.of(FunctionFixture.KEY_SECRET, STS_SECRET, STS_TOKEN,
        "wrong-secret-Zp0q", FunctionFixture.KEY_ID, STS_ID, "Signature="));
    secrets.addAll(issued);
    return secrets;
  }

  private void http(VodFunction function, String videoId, VodCredentials keys) throws Exception {
    Invocation invocation = FunctionFixture.invocation("leak");
    HttpResponse response = function.handleHttp(HttpRequest.builder("GET").rawQuery("VideoId=" + videoId).build(),
        keys == null ? invocation : invocation.withCredentials(keys));
    if (response.status() == 200) {
      // The credential VOD issued belongs in the answer, and nowhere else.
      var body = fixture.json.readTree(response.body());
      for (String field : new String[] {"PlayAuth", "UploadAuth", "UploadAddress"}) {
        if (body.hasNonNull(field)) issued.add(body.get(field).asText());
      }
      return;
    }
    seen.add(response.body());
    seen.add(response.headers().toString());
  }

  private void event(String videoId) {
    try {
      var answer = fixture.functions.refreshUpload().handleEvent(
          fixture.json.createObjectNode().put("VideoId", videoId), FunctionFixture.invocation("leak"));
      if (answer.hasNonNull("UploadAuth")) {
        issued.add(answer.get("UploadAuth").asText());
        issued.add(answer.get("UploadAddress").asText());
      } else {
        seen.add(answer.toString());
      }
    } catch (EventFailureException e) {
      seen.add(e.getMessage());
      assertEquals(e.getMessage(), e.toString().substring(e.getClass().getName().length() + 2));
    }
  }
}
