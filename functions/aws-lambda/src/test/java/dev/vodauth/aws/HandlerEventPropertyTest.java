package dev.vodauth.aws;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vodauth.emulator.DemoCatalogue;
import dev.vodauth.emulator.Video;
import dev.vodauth.emulator.VideoStatus;
import dev.vodauth.emulator.VodEmulator;
import dev.vodauth.fuzz.AnswerInvariants;
import dev.vodauth.fuzz.CaseCount;
import dev.vodauth.fuzz.EventMutations;
import dev.vodauth.fuzz.GeneratedCases;
import dev.vodauth.fuzz.EventMutations.MutatedEvent;
import dev.vodauth.fuzz.VodFault;
import dev.vodauth.pipeline.EventFailureException;
import dev.vodauth.testkit.FakeLambdaContext;
import dev.vodauth.testkit.SharedFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * Both Lambda handlers, invoked as the runtime does, with real-format events mutated field by
 * field: the samples in ../shared/samples/aws-lambda (when present) and this module's fixtures.
 * Nothing may escape but {@link EventFailureException} for a VOD fault; every answer keeps
 * {@link AnswerInvariants}. Cases and seed: {@link GeneratedCases}.
 */
class HandlerEventPropertyTest {
  private static final Pattern VIDEO_ID = Pattern.compile("\\b[0-9a-f]{32}\\b");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AnswerInvariants INVARIANTS = new AnswerInvariants(List.of(Harness.KEY_ID, Harness.KEY_SECRET));

  private static final CaseCount COUNT = new CaseCount("Lambda handlers");
  private static VodEmulator emulator;
  private static Harness harness;
  private static Map<String, JsonNode> seeds;
  private static List<String> videoIds;

  @BeforeAll
  static void start() throws Exception {
    emulator = new VodEmulator().start().withDemoCatalogue();
    harness = new Harness(emulator);
    seeds = new LinkedHashMap<>();
    TreeSet<String> ids = new TreeSet<>(List.of(DemoCatalogue.PLAYABLE, DemoCatalogue.NOT_YET_PLAYABLE, DemoCatalogue.UNKNOWN));
    for (Path file : seedFiles()) {
      String text = Files.readString(file);
      seeds.put(file.getFileName().toString(), JSON.readTree(text));
      for (Matcher m = VIDEO_ID.matcher(text); m.find(); ) ids.add(m.group());
    }
    for (String id : ids) {
      if (!id.equals(DemoCatalogue.UNKNOWN) && !id.startsWith("5aa0bbf5")) emulator.addVideo(Video.of(id, VideoStatus.NORMAL));
    }
    videoIds = new ArrayList<>(ids);
  }

  @AfterAll
  static void stop() {
    COUNT.report(emulator.requestCount());
    emulator.close();
  }

  /** The samples (when ../shared is beside the clone) and the module's own event fixtures. */
  static List<Path> seedFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    Path samples = SharedFiles.find("samples/aws-lambda");
    if (samples != null) {
      try (Stream<Path> list = Files.list(samples)) {
        list.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".response.json")).sorted().forEach(files::add);
      }
    }
    for (String dir : List.of("v1", "v2", "direct", "eventbridge")) {
      try (Stream<Path> list = Files.list(Harness.resource("events/" + dir))) {
        list.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
      }
    }
    return files;
  }

  @Test
  void theSamplesAreAmongTheSeeds() throws IOException {
    Path samples = Samples.dir(); // skips, saying why, without ../shared
    assertTrue(seedFiles().stream().anyMatch(p -> p.startsWith(samples)), "no sample among the seeds");
  }

  @Test
  void everyMutatedEventIsAnsweredByTheContract() {
    GeneratedCases.theory().forAll(events(), SourceDSL.integers().between(0, 2), VodFault.gen())
        .checkAssert(HandlerEventPropertyTest::answeredByTheContract);
  }

  /** @param function 0 play-auth, 1 refresh-upload, 2 create-upload */
  private static void answeredByTheContract(MutatedEvent event, int function, VodFault fault) {
    COUNT.add();
    harness.logLines.clear();
    boolean faulted = fault.script(emulator, Harness.KEY_ID, Harness.KEY_SECRET, "no-token");
    RequestStreamHandler handler = function == 0 ? harness.playAuth() : function == 1 ? harness.refreshUpload() : harness.createUpload();
    INVARIANTS.checkStreamCall((in, out) -> handler.handleRequest(in, out, FakeLambdaContext.of("req-fuzz")), event.bytes(), faulted, harness.logLines);
  }

  private static Gen<MutatedEvent> events() {
    return new EventMutations(videoIds).of(seeds);
  }
}
