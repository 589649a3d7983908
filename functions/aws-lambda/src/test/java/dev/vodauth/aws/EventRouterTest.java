package dev.vodauth.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vodauth.emulator.DemoCatalogue;
import dev.vodauth.emulator.RecordedVodRequest;
import dev.vodauth.emulator.Video;
import dev.vodauth.emulator.VideoStatus;
import dev.vodauth.emulator.VodEmulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every HTTP request shape and every shared sample, through both handlers, against the emulator. */
@Timeout(30)
class EventRouterTest {
  /** The sample events' videos: the emulator's catalogue must hold them. */
  static final String SAMPLE_PLAYABLE = "dfde02284a5c466b8e3f22a097adaf4a";
  static final String SAMPLE_UPLOADING = "c6a23a870c8c4ffc9a1bd40cbd38133e";

  private VodEmulator emulator;
  private Harness harness;

  @BeforeEach
  void start() throws Exception {
    emulator = new VodEmulator().start().withDemoCatalogue()
        .addVideo(Video.of(SAMPLE_PLAYABLE, VideoStatus.NORMAL).withTitle("阿里云VOD"))
        .addVideo(Video.of(SAMPLE_UPLOADING, VideoStatus.UPLOADING));
    harness = new Harness(emulator);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  static Stream<Arguments> httpFixtures() {
    List<Arguments> cases = new ArrayList<>();
    for (String version : new String[] {"v2", "v1"}) {
      for (String request : new String[] {"get", "post-json", "post-form", "base64", "options"}) {
        for (String function : new String[] {"play-auth", "refresh-upload"}) cases.add(Arguments.of(version, request, function));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}/{1} through {2}")
  @MethodSource("httpFixtures")
  void httpRequestIsAnsweredInItsPayloadFormat(String version, String request, String function) throws Exception {
    JsonNode response = harness.invoke(handler(function), Harness.resource("events/" + version + "/" + request + ".json"));

    Proxy proxy = readBack(version, response);
    assertEquals(new TreeSet<>(Set.of("statusCode", "headers", "body", "isBase64Encoded")), fieldNames(response));
    assertFalse(proxy.base64);
    // CORS_ALLOWED_ORIGINS is empty, as template.yml sets it: the function URL answers CORS.
    proxy.headers.keySet().forEach(name -> assertFalse(name.toLowerCase().startsWith("access-control-"), name));
    assertEquals(version.equals("v2") ? "function-url" : "apigw-rest", harness.json.readTree(harness.logLines.get(0)).path("trigger").asText());
    if (request.equals("options")) {
      assertEquals(204, proxy.status);
      assertEquals("GET, POST, OPTIONS", proxy.headers.get("Allow"));
      assertEquals("", proxy.body);
      assertEquals(0, emulator.requestCount());
      return;
    }
    assertEquals(200, proxy.status);
    assertEquals("application/json; charset=utf-8", proxy.headers.get("Content-Type"));
    assertEquals("no-store", proxy.headers.get("Cache-Control"));
    JsonNode body = harness.json.readTree(proxy.body);
    RecordedVodRequest sent = emulator.takeRequest(1, TimeUnit.SECONDS);
    if (function.equals("play-auth")) {
      assertEquals(DemoCatalogue.PLAYABLE, body.path("VideoMeta").path("VideoId").asText());
      assertEquals(DemoCatalogue.PLAYABLE_TITLE, body.path("VideoMeta").path("Title").asText());
      assertTrue(body.path("PlayAuth").isTextual());
      assertEquals("GetVideoPlayAuth", sent.action());
      assertEquals("1200", sent.parameter("AuthInfoTimeout")); // read from the query, the JSON, the form, the Base64
    } else {
      assertEquals(DemoCatalogue.PLAYABLE, body.path("VideoId").asText());
      assertTrue(body.path("UploadAuth").isTextual());
      assertTrue(body.path("UploadAddress").isTextual());
      assertEquals("RefreshUploadVideo", sent.action());
    }
    assertEquals(sent.requestId(), body.path("RequestId").asText());
  }

  @ParameterizedTest(name = "{0}/{1}")
  @MethodSource("httpFixtures")
  void ownFixturesAreRealEventsOfTheirType(String version, String request, String function) {
    String path = "events/" + version + "/" + request + ".json";
    if (version.equals("v2")) {
      APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(path);
      assertEquals(request.equals("options") ? "OPTIONS" : request.equals("get") ? "GET" : "POST",
          event.getRequestContext().getHttp().getMethod());
      assertEquals(request.equals("base64"), event.getIsBase64Encoded());
    } else {
      APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent(path);
      assertEquals(request.equals("options") ? "OPTIONS" : request.equals("get") ? "GET" : "POST", event.getHttpMethod());
      assertEquals(request.equals("base64"), event.getIsBase64Encoded());
      assertNotNull(event.getMultiValueHeaders());
    }
  }

  static Stream<Arguments> samples() {
    return Samples.events().flatMap(sample -> Stream.of(Arguments.of(sample, "play-auth"), Arguments.of(sample, "refresh-upload")));
  }

  /**
   * What each sample must answer. A sample added to ../shared without a row here fails, so that
   * nobody's new event passes unexamined.
   */
  private static final Map<String, String[]> SAMPLE_ANSWERS = Map.of(
      // sample -> {play-auth answer, refresh-upload answer}: an HTTP status, or an event record's Code / "Result"
      // The upstream events repeat parameter1/parameter2 with different values: refused before VOD.
      "apigw_http_v2_event.upstream.json", new String[] {"http 400", "http 400"},
      "apigw_rest_proxy_event.upstream.json", new String[] {"http 400", "http 400"},
      "eventbridge_custom.json", new String[] {"record MissingParameter", "result"},
      "function_url_get.json", new String[] {"http 200", "http 200"},
      // Its video is still uploading: VOD refuses a PlayAuth, and issues a fresh upload credential.
      "function_url_iam_post.json", new String[] {"http 403", "http 200"},
      "scheduled_event.upstream.json", new String[] {"record MissingParameter", "record MissingParameter"},
      // An SQS event source mapping's batch: nobody would receive the answers, so the invocation fails.
      "sqs_refresh_batch.json", new String[] {"fails UnsupportedEventSource", "fails UnsupportedEventSource"});

  @ParameterizedTest(name = "{0} through {1}")
  @MethodSource("samples")
  void everySampleEventIsAnsweredByEachHandler(String sample, String function) throws Exception {
    JsonNode event = harness.json.readTree(Samples.file(sample).toFile());
    String[] expected = SAMPLE_ANSWERS.get(sample);
    assertNotNull(expected, "no expectation for the new sample " + sample + ": add one to SAMPLE_ANSWERS");
    String answer = expected[function.equals("play-auth") ? 0 : 1];

    if (answer.startsWith("fails ")) {
      dev.vodauth.pipeline.EventFailureException e = org.junit.jupiter.api.Assertions.assertThrows(
          dev.vodauth.pipeline.EventFailureException.class, () -> harness.invoke(handler(function), Harness.read(Samples.file(sample))));
      assertEquals(answer.substring("fails ".length()), e.code());
      assertEquals(0, emulator.requestCount());
      return;
    }
    JsonNode response = harness.invoke(handler(function), Harness.read(Samples.file(sample)));

    if (answer.startsWith("http ")) {
      Proxy proxy = readBack(event.has("httpMethod") ? "v1" : "v2", response);
      assertEquals(Integer.parseInt(answer.substring(5)), proxy.status, proxy.body);
      JsonNode body = harness.json.readTree(proxy.body);
      if (proxy.status >= 400) {
        assertEquals(Set.of("RequestId", "Code", "Message"), Set.copyOf(iterable(body.fieldNames())));
        // The function's own errors carry the platform's request ID, VOD's errors VOD's.
        if (emulator.requestCount() == 0) {
          assertTrue(body.path("RequestId").asText().startsWith("req-"), "the platform's request ID: " + body);
        } else {
          assertEquals(emulator.takeRequest(1, TimeUnit.SECONDS).requestId(), body.path("RequestId").asText());
        }
      } else {
        assertTrue(body.path("RequestId").isTextual());
      }
    } else if (answer.equals("result")) {
      assertEquals(event.path("detail").path("VideoId").asText(), response.path("VideoId").asText());
      assertTrue(response.path("UploadAuth").isTextual());
    } else {
      assertEquals(answer.substring("record ".length()), response.path("Code").asText(), response.toString());
      assertTrue(response.path("VideoId").isNull(), response.toString());
      assertEquals(0, emulator.requestCount());
    }
  }

  private RequestStreamHandler handler(String function) {
    return function.equals("play-auth") ? harness.playAuth() : harness.refreshUpload();
  }

  /** A proxy response as the Java runtime's own serializer reads it into aws-lambda-java-events types. */
  private static Proxy readBack(String version, JsonNode response) {
    ClassLoader loader = EventRouterTest.class.getClassLoader();
    if (version.equals("v2")) {
      APIGatewayV2HTTPResponse r = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, loader)
          .fromJson(response.toString());
      return new Proxy(r.getStatusCode(), r.getHeaders(), r.getBody(), r.getIsBase64Encoded());
    }
    APIGatewayProxyResponseEvent r = LambdaEventSerializers.serializerFor(APIGatewayProxyResponseEvent.class, loader)
        .fromJson(response.toString());
    return new Proxy(r.getStatusCode(), r.getHeaders(), r.getBody(), r.getIsBase64Encoded());
  }

  private static TreeSet<String> fieldNames(JsonNode node) {
    TreeSet<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static <T> List<T> iterable(java.util.Iterator<T> it) {
    List<T> list = new ArrayList<>();
    it.forEachRemaining(list::add);
    return list;
  }

  private static final class Proxy {
    final int status;
    final Map<String, String> headers;
    final String body;
    final boolean base64;

    Proxy(Integer status, Map<String, String> headers, String body, Boolean base64) {
      this.status = status;
      this.headers = headers;
      this.body = body;
      this.base64 = base64 != null && base64;
    }
  }
}
