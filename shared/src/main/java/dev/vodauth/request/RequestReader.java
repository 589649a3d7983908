package dev.vodauth.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.vodauth.answer.Answer;
import dev.vodauth.answer.ErrorKind;
import dev.vodauth.http.HttpRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a request's parameters from its query string and its body (a JSON object, a form, or
 * nothing), Base64 bodies decoded here and only here.
 */
public final class RequestReader {
  /** Bodies larger than this are refused before they are decoded or parsed. */
  public static final int MAX_BODY_BYTES = 16 * 1024;

  private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

  private final ObjectReader json;
  private final Set<String> known;

  /** @param known the names the function reads: see {@link Parameters.Collector} */
  public RequestReader(ObjectMapper json, Set<String> known) {
    this.json = RepeatedFields.reader(json);
    this.known = known;
  }

  /** The merged parameters, or the 4xx answer for a body that cannot be read. */
  public Checked<Parameters> read(HttpRequest request) {
    Parameters.Collector values = new Parameters.Collector(known);
    for (Map.Entry<String, List<String>> e : request.query().entrySet()) {
      for (String value : e.getValue()) {
        Answer conflict = values.add(e.getKey(), value);
        if (conflict != null) return Checked.refused(conflict);
      }
    }
    Checked<String> body = bodyText(request);
    if (!body.isOk()) return Checked.refused(body.error());
    String text = body.value();
    if (!text.trim().isEmpty()) {
      Answer refused = readBody(text, mediaType(request.header("Content-Type")), values);
      if (refused != null) return Checked.refused(refused);
    }
    return Checked.ok(values.parameters());
  }

  private static Checked<String> bodyText(HttpRequest request) {
    String body = request.body();
    if (body == null) return Checked.ok("");
    if (request.isBase64Encoded()) {
      // Four Base64 characters carry three bytes: refuse by length before decoding anything.
      if ((long) body.length() * 3 / 4 > MAX_BODY_BYTES + 2) return Checked.refused(tooLarge());
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(WHITESPACE.matcher(body).replaceAll(""));
      } catch (IllegalArgumentException e) {
        return Checked.refused(Answer.error(ErrorKind.INVALID_PARAMETER, "The body is marked Base64 but is not valid Base64."));
      }
      if (bytes.length > MAX_BODY_BYTES) return Checked.refused(tooLarge());
      return Checked.ok(new String(bytes, StandardCharsets.UTF_8));
    }
    if (body.length() > MAX_BODY_BYTES || body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
      return Checked.refused(tooLarge());
    }
    return Checked.ok(body);
  }

  private static Answer tooLarge() {
    return Answer.error(ErrorKind.PAYLOAD_TOO_LARGE, "The body is larger than " + MAX_BODY_BYTES + " bytes.");
  }

  private Answer readBody(String text, String mediaType, Parameters.Collector values) {
    boolean looksLikeJson = text.trim().startsWith("{") || text.trim().startsWith("[");
    // Callers that do not say what they send get their JSON read all the same: browsers send
    // text/plain to avoid a preflight, and `curl --data-binary` tools send octet-stream (which FC
    // then Base64-encodes).
    boolean untyped = mediaType.isEmpty() || mediaType.equals("text/plain") || mediaType.equals("application/octet-stream");
    if (mediaType.equals("application/json") || mediaType.endsWith("+json") || (untyped && looksLikeJson)) {
      return readJson(text, values);
    }
    if (mediaType.equals("application/x-www-form-urlencoded") || mediaType.isEmpty()) {
      return readForm(text, values);
    }
    return Answer.error(ErrorKind.UNSUPPORTED_MEDIA_TYPE, unsupported(mediaType));
  }

  private static String unsupported(String mediaType) {
    // Only a type that looks like one is repeated back: the caller's text is not ours to echo.
    String named = mediaType.matches("[a-z0-9.+-]{1,40}/[a-z0-9.+-]{1,60}") ? "Content-Type " + mediaType : "This Content-Type";
    return named + " is not supported: send application/json or application/x-www-form-urlencoded.";
  }

  private Answer readJson(String text, Parameters.Collector values) {
    JsonNode tree;
    try {
      tree = json.readTree(text);
    } catch (JsonProcessingException e) {
      return Answer.error(ErrorKind.INVALID_PARAMETER, "The body is not valid JSON.");
    }
    if (tree == null || !tree.isObject()) {
      return Answer.error(ErrorKind.INVALID_PARAMETER, "The body must be a JSON object.");
    }
    return values.addFields(tree, null);
  }

  private static Answer readForm(String text, Parameters.Collector values) {
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) continue;
      int eq = pair.indexOf('=');
      try {
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        Answer conflict = values.add(name, value);
        if (conflict != null) return conflict;
      } catch (IllegalArgumentException e) {
        return Answer.error(ErrorKind.INVALID_PARAMETER, "The body is not a valid form (a bad %-escape).");
      }
    }
    return null;
  }

  private static String mediaType(String contentType) {
    if (contentType == null) return "";
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }
}
