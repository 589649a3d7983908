package dev.vodauth.fc;

import static dev.vodauth.fc.FcHarness.JSON;
import static dev.vodauth.fc.FcHarness.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.fc.runtime.Credentials;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodauth.emulator.RecordedVodRequest;
import dev.vodauth.emulator.ScriptedResponse;
import dev.vodauth.emulator.Video;
import dev.vodauth.emulator.VideoStatus;
import dev.vodauth.testkit.FakeFcContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * FC's instanceConcurrency: many invocations run at once in one handler instance while the role's
 * STS keys rotate. Each answer must belong to its own request, and each VOD call must be signed
 * with the keys its own invocation's context handed out or newer ones, never an older
 * invocation's.
 */
@Timeout(60)
class ConcurrentInvocationsTest {
  private static final int INVOCATIONS = 64;
  private static final int GENERATIONS = 16;

  private FcHarness fc;

  @BeforeEach
  void startEmulator() throws Exception {
    fc = FcHarness.start();
    for (int g = 0; g < GENERATIONS; g++) {
      fc.emulator.addStsKey(keyId(g), "secret-of-generation-" + g, tokenOf(g));
    }
    for (int i = 0; i < INVOCATIONS; i++) {
      fc.emulator.addVideo(Video.of(videoId(i), VideoStatus.NORMAL).withTitle("video " + i));
      // A little latency makes the calls overlap each other and the rotation.
      fc.emulator.enqueue(ScriptedResponse.normal().withDelay(15, TimeUnit.MILLISECONDS));
    }
  }

  @AfterEach
  void stopEmulator() {
    fc.close();
  }

  private static String videoId(int i) {
    return String.format("c0ffee%026x", i);
  }

  private static String keyId(int generation) {
    return "STS.generation-" + generation;
  }

  private static String tokenOf(int generation) {
    return "token-of-generation-" + generation;
  }

  @Test
  void concurrentInvocationsKeepTheirOwnAnswersAndKeysWhileKeysRotate() throws Exception {
    AtomicInteger generation = new AtomicInteger();
    AtomicBoolean rotating = new AtomicBoolean(true);
    Thread rotator = new Thread(() -> {
      while (rotating.get() && generation.get() < GENERATIONS - 1) {
        try {
          Thread.sleep(3);
        } catch (InterruptedException e) {
          return;
        }
        generation.incrementAndGet();
      }
    });
    Map<Integer, Set<Integer>> handedOut = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(INVOCATIONS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<JsonNode>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < INVOCATIONS; i++) {
        int n = i;
        Set<Integer> generations = ConcurrentHashMap.newKeySet();
        handedOut.put(n, generations);
        FakeFcContext context = FakeFcContext.rotating("req-" + n, () -> {
          int g = generation.get();
          generations.add(g);
          Credentials keys = FakeFcContext.keys(keyId(g), "secret-of-generation-" + g, tokenOf(g));
          return keys;
        });
        JsonNode event = n % 2 == 0 ? httpEvent(videoId(n)) : directMessage(videoId(n), n);
        answers.add(pool.submit(() -> {
          start.await();
          return fc.invoke(fc.playAuth, event, context);
        }));
      }
      rotator.start();
      start.countDown();

      for (int i = 0; i < INVOCATIONS; i++) {
        JsonNode answer = answers.get(i).get(30, TimeUnit.SECONDS);
        JsonNode body = i % 2 == 0 ? JSON.readTree(answer.path("body").asText()) : answer;
        if (i % 2 == 0) assertEquals(200, answer.path("statusCode").asInt(), answer::toString);
        assertEquals(videoId(i), body.path("VideoMeta").path("VideoId").asText(), "answer " + i + " belongs to its request");
        assertEquals("video " + i, body.path("VideoMeta").path("Title").asText());
        if (i % 2 == 1) assertEquals(i, body.path("Context").path("invocation").asInt());
      }
    } finally {
      rotating.set(false);
      pool.shutdownNow();
      rotator.join();
    }

    Map<String, Integer> invocationOfVideo = new HashMap<>();
    for (int i = 0; i < INVOCATIONS; i++) invocationOfVideo.put(videoId(i), i);
    Set<Integer> generationsUsed = new TreeSet<>();
    for (int k = 0; k < INVOCATIONS; k++) {
      RecordedVodRequest call = fc.emulator.takeRequest(1, TimeUnit.SECONDS);
      assertNotNull(call, "VOD call " + k);
      assertTrue(call.signatureValid(), call::toString);
      int invocation = invocationOfVideo.get(call.parameter("VideoId"));
      int used = Integer.parseInt(call.accessKeyId().substring("STS.generation-".length()));
      assertEquals(tokenOf(used), call.securityToken());
      // The acceptance asks for "its own keys or newer"; the handler passes each invocation's own
      // keys to its call, so anything but a generation its own context handed out is a leak
      // between threads.
      Set<Integer> own = handedOut.get(invocation);
      assertTrue(own.contains(used), "invocation " + invocation + " signed with generation " + used + ", its context gave " + own);
      generationsUsed.add(used);
    }
    assertEquals(INVOCATIONS, fc.emulator.requestCount(), "one VOD call per invocation");
    assertTrue(generationsUsed.size() > 1, "the keys rotated during the run: " + generationsUsed);
    assertEquals(INVOCATIONS, fc.logLines.size(), "one log line per invocation");
  }

  private static JsonNode httpEvent(String videoId) {
    ObjectNode event = (ObjectNode) fixture("http-get.json");
    ((ObjectNode) event.path("queryParameters")).put("videoId", videoId);
    return event;
  }

  private static JsonNode directMessage(String videoId, int invocation) {
    ObjectNode message = JSON.createObjectNode().put("VideoId", videoId);
    message.putObject("Context").put("invocation", invocation);
    return message;
  }
}
