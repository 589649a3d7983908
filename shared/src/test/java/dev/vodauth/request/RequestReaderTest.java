package dev.vodauth.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vodauth.answer.Answer;
import dev.vodauth.answer.ErrorKind;
import dev.vodauth.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RequestReaderTest {
  private final RequestReader reader = new RequestReader(new ObjectMapper(), new dev.vodauth.operation.PlayAuth(dev.vodauth.config.Config.from(java.util.Map.of())).parameterNames());

  @Test
  void queryParametersAreMatchedWithoutRegardToCase() {
    Parameters p = read(HttpRequest.builder("GET").rawQuery("videoId=abc&AUTHINFOTIMEOUT=300").build());

    assertEquals("abc", p.get("VideoId"));
    assertEquals("300", p.get("AuthInfoTimeout"));
  }

  @Test
  void jsonObjectBodyIsRead() {
    Parameters p = read(post("application/json", "{\"VideoId\":\"abc\",\"AuthInfoTimeout\":300,\"Extra\":{\"a\":1}}"));

    assertEquals("abc", p.get("VideoId"));
    assertEquals("300", p.get("AuthInfoTimeout"));
  }

  @Test
  void jsonWithCharsetAndTextPlainAreRead() {
    assertEquals("abc", read(post("application/json; charset=UTF-8", "{\"VideoId\":\"abc\"}")).get("VideoId"));
    // Browsers send text/plain to avoid a preflight: a JSON object in it is read as JSON.
    assertEquals("abc", read(post("text/plain;charset=UTF-8", "{\"VideoId\":\"abc\"}")).get("VideoId"));
    assertEquals("abc", read(post("application/octet-stream", "{\"VideoId\":\"abc\"}")).get("VideoId"));
  }

  @Test
  void formBodyIsRead() {
    Parameters p = read(post("application/x-www-form-urlencoded", "VideoId=%61bc&AuthInfoTimeout=300&Title=%E4%B8%AD"));

    assertEquals("abc", p.get("VideoId"));
    assertEquals("300", p.get("AuthInfoTimeout"));
    assertFalse(p.has("Title"), "unknown parameters are dropped as they are read");
  }

  @Test
  void base64BodyIsDecodedOnce() {
    String encoded = Base64.getEncoder().encodeToString("{\"VideoId\":\"abc\"}".getBytes(StandardCharsets.UTF_8));

    Parameters p = read(HttpRequest.builder("POST").header("Content-Type", "application/json").body(encoded, true).build());

    assertEquals("abc", p.get("VideoId"));
  }

  @Test
  void queryAndBodyAreMerged() {
    HttpRequest request = HttpRequest.builder("POST").rawQuery("Format=XML")
        .header("Content-Type", "application/json").body("{\"VideoId\":\"abc\"}", false).build();

    Parameters p = read(request);

    assertEquals("XML", p.get("Format"));
    assertEquals("abc", p.get("VideoId"));
  }

  @Test
  void emptyBodyWithAnyContentTypeIsNoBody() {
    assertNull(read(post("image/png", "")).get("VideoId"));
  }

  @Test
  void malformedJsonIsInvalidParameter() {
    Answer error = refused(post("application/json", "{\"VideoId\":"));

    assertEquals(ErrorKind.INVALID_PARAMETER, error.kind());
    assertEquals("The body is not valid JSON.", error.message());
  }

  @Test
  void jsonArrayIsNotAnObject() {
    Answer error = refused(post("application/json", "[1,2]"));

    assertEquals(ErrorKind.INVALID_PARAMETER, error.kind());
    assertEquals("The body must be a JSON object.", error.message());
  }

  @Test
  void otherContentTypesAre415() {
    Answer error = refused(post("application/octet-stream", "VideoId=abc"));
    Answer xml = refused(post("application/xml", "<VideoId>abc</VideoId>"));

    assertEquals(ErrorKind.UNSUPPORTED_MEDIA_TYPE, error.kind());
    assertEquals(415, error.status());
    assertTrue(error.message().contains("application/octet-stream"), error.message());
    assertEquals(415, xml.status());
  }

  @Test
  void bodyOver16KiBIs413() {
    String big = "VideoId=" + "a".repeat(RequestReader.MAX_BODY_BYTES);

    Answer error = refused(post("application/x-www-form-urlencoded", big));

    assertEquals(413, error.status());
    assertEquals("PayloadTooLarge", error.code());
  }

  @Test
  void base64BodyOver16KiBIs413BeforeDecoding() {
    String big = "!".repeat(4 * 1024 * 1024); // not even valid Base64: the length alone refuses it

    Answer error = refused(HttpRequest.builder("POST").header("Content-Type", "application/json").body(big, true).build());

    assertEquals(413, error.status());
  }

  @Test
  void bodyOfExactly16KiBIsRead() {
    String body = "VideoId=abc&Pad=" + "a".repeat(RequestReader.MAX_BODY_BYTES - 16);

    assertEquals("abc", read(post("application/x-www-form-urlencoded", body)).get("VideoId"));
  }

  @Test
  void invalidBase64IsInvalidParameter() {
    Answer error = refused(HttpRequest.builder("POST").body("***", true).build());

    assertEquals(ErrorKind.INVALID_PARAMETER, error.kind());
  }

  @Test
  void sameParameterWithDifferentValuesIsRefusedByName() {
    Answer error = refused(HttpRequest.builder("GET").rawQuery("VideoId=a&videoid=b").build());

    assertEquals(ErrorKind.INVALID_PARAMETER, error.kind());
    assertEquals("videoid is given more than once with different values.", error.message());
  }

  @Test
  void badPercentEscapeInFormIsInvalidParameter() {
    Answer error = refused(post("application/x-www-form-urlencoded", "VideoId=%zz"));

    assertEquals("The body is not a valid form (a bad %-escape).", error.message());
  }

  private Parameters read(HttpRequest request) {
    Checked<Parameters> checked = reader.read(request);
    assertTrue(checked.isOk(), () -> "refused: " + checked.error().message());
    return checked.value();
  }

  private Answer refused(HttpRequest request) {
    Checked<Parameters> checked = reader.read(request);
    assertFalse(checked.isOk(), "expected a refusal");
    return checked.error();
  }

  private static HttpRequest post(String contentType, String body) {
    return HttpRequest.builder("POST").header("Content-Type", contentType).body(body, false).build();
  }
}
