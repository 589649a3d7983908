package dev.vodauth.fc;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.StreamRequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vodauth.credentials.EnvironmentCredentials;
import dev.vodauth.emulator.Video;
import dev.vodauth.emulator.VideoStatus;
import dev.vodauth.fuzz.AnswerInvariants;
import dev.vodauth.fuzz.CaseCount;
import dev.vodauth.fuzz.EventMutations;
import dev.vodauth.fuzz.GeneratedCases;
import dev.vodauth.fuzz.EventMutations.MutatedEvent;
import dev.vodauth.fuzz.VodFault;
import dev.vodauth.pipeline.EventFailureException;
import dev.vodauth.testkit.FakeFcContext;
import dev.vodauth.testkit.SharedFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Both FC handlers, invoked as the runtime does, with real-format events mutated field by field:
 * the samples in ../shared/samples/aliyun-fc3 (when present) and this module's fixtures; keys from
 * the invocation's role or from the environment. Nothing may escape but {@link
 * EventFailureException} for a VOD fault; every answer keeps {@link AnswerInvariants}. Cases and
 * seed: {@link GeneratedCases}.
 */
class HandlerEventPropertyTest {
  private static final String ENV_KEY_ID = "fuzz-env-key-id";
  private static final String ENV_SECRET = "fuzz-env-secret-Wc83Lm";
  private static final Pattern VIDEO_ID = Pattern.compile("\\b[0-9a-f]{32}\\b");
  private static final AnswerInvariants INVARIANTS = new AnswerInvariants(List.of(
      FcHarness.ROLE_KEY_ID, FcHarness.ROLE_SECRET, FcHarness.ROLE_TOKEN, ENV_KEY_ID, ENV_SECRET));
  private static final CaseCount COUNT = new CaseCount("FC handlers");

  private static FcHarness fc;
  private static Map<String, JsonNode> seeds;
  private static List<String> videoIds;

  @BeforeAll
  static void start() throws Exception {
    fc = FcHarness.start(Map.of(EnvironmentCredentials.ACCESS_KEY_ID, ENV_KEY_ID, EnvironmentCredentials.ACCESS_KEY_SECRET, ENV_SECRET));
    fc.emulator.addAccessKey(ENV_KEY_ID, ENV_SECRET);
    seeds = new LinkedHashMap<>();
    TreeSet<String> ids = new TreeSet<>(List.of(FcHarness.SAMPLE_VIDEO, FcHarness.SAMPLE_BATCH_VIDEO, FcHarness.UNKNOWN_VIDEO));
    for (Path file : seedFiles()) {
      String text = Files.readString(file);
      seeds.put(file.getFileName().toString(), FcHarness.JSON.readTree(text));
      for (Matcher m = VIDEO_ID.matcher(text); m.find(); ) ids.add(m.group());
    }
    for (String id : ids) {
      if (!id.equals(FcHarness.UNKNOWN_VIDEO) && !id.equals(FcHarness.SAMPLE_VIDEO) && !id.equals(FcHarness.SAMPLE_BATCH_VIDEO)) {
        fc.emulator.addVideo(Video.of(id, VideoStatus.NORMAL));
      }
    }
    videoIds = new ArrayList<>(ids);
  }

  @AfterAll
  static void stop() {
    COUNT.report(fc.emulator.requestCount());
    fc.close();
  }

  /** The samples (when ../shared is beside the clone; not the response samples) and the module's fixtures. */
  static List<Path> seedFiles() throws IOException, URISyntaxException {
    List<Path> files = new ArrayList<>();
    Path samples = SharedFiles.find("samples/aliyun-fc3");
    if (samples != null) {
      try (Stream<Path> list = Files.list(samples)) {
        list.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().contains("-response")).sorted().forEach(files::add);
      }
    }
    try (Stream<Path> list = Files.list(Paths.get(FcHarness.class.getResource("/events").toURI()))) {
      list.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
    }
    return files;
  }

  @Test
  void theSamplesAreAmongTheSeeds() throws Exception {
    Path samples = SharedFiles.require("samples/aliyun-fc3");
    assertTrue(seedFiles().stream().anyMatch(p -> p.startsWith(samples)), "no sample among the seeds");
  }

  @Test
  void everyMutatedEventIsAnsweredByTheContract() {
    GeneratedCases.theory().forAll(events(), SourceDSL.integers().between(0, 2), SourceDSL.booleans().all(), VodFault.gen())
        .checkAssert(HandlerEventPropertyTest::answeredByTheContract);
  }

  /** @param function 0 play-auth, 1 refresh-upload, 2 create-upload */
  private static void answeredByTheContract(MutatedEvent event, int function, boolean roleKeys, VodFault fault) {
    COUNT.add();
    fc.logLines.clear();
    boolean faulted = roleKeys
        ? fault.script(fc.emulator, FcHarness.ROLE_KEY_ID, FcHarness.ROLE_SECRET, FcHarness.ROLE_TOKEN)
        : fault.script(fc.emulator, ENV_KEY_ID, ENV_SECRET, "no-token");
    StreamRequestHandler handler = function == 0 ? fc.playAuth : function == 1 ? fc.refreshUpload : fc.createUpload;
    Context context = roleKeys ? FcHarness.roleContext("req-fuzz") : FakeFcContext.withoutRole("req-fuzz");
    INVARIANTS.checkStreamCall((in, out) -> handler.handleRequest(in, out, context), event.bytes(), faulted, fc.logLines);
  }

  private static Gen<MutatedEvent> events() {
    return new EventMutations(videoIds).of(seeds);
  }
}
