package dev.vodauth.operation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodauth.answer.Answer;
import dev.vodauth.answer.ErrorKind;
import dev.vodauth.auth.Caller;
import dev.vodauth.request.Checked;
import dev.vodauth.request.Parameters;
import dev.vodauth.vod.VodCall;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One VOD operation served as a function, all of it in one place: its names, the parameters it
 * reads, its input rules (into a typed {@link VodCall} that builds the SDK request), which answer
 * fields must be there and are credentials, and the canned answer priming replays. The rest of the
 * code (client, functions, adapters, runner) is driven by {@link Operations#all} and never names
 * an operation. Instances are built once per container from the configuration; thread-safe.
 */
public abstract class VodOperation {
  /** VOD IDs are 32 hex characters; anything but letters and digits never reaches VOD. */
  private static final Pattern VIDEO_ID = Pattern.compile("[A-Za-z0-9]{1,64}");

  private final String action;
  private final String functionName;
  private final Set<String> parameterNames;
  private final List<String> credentialFields;

  /**
   * @param parameters the names the operation reads (besides Action and Format); every other name
   *     is dropped as it is read and never reaches VOD
   * @param credentialFields the answer's fields that hold a credential: required, never logged
   */
  protected VodOperation(String action, String functionName, List<String> parameters, List<String> credentialFields) {
    this.action = action;
    this.functionName = functionName;
    Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    names.addAll(parameters);
    names.add("Action");
    names.add("Format");
    this.parameterNames = Collections.unmodifiableSet(names);
    this.credentialFields = List.copyOf(credentialFields);
  }

  /** The API's Action name, as VOD and callers spell it. */
  public final String action() {
    return action;
  }

  /** The function's name in logs, paths and deployment files. */
  public final String functionName() {
    return functionName;
  }

  /** The names read from a request, matched without regard to case. */
  public final Set<String> parameterNames() {
    return parameterNames;
  }

  /** The response fields that hold a credential: required in a success, never logged. */
  public final List<String> credentialFields() {
    return credentialFields;
  }

  /** The root element of the API's XML response ({@code GetVideoPlayAuthResponse}). */
  public final String xmlRoot() {
    return action + "Response";
  }

  /**
   * Whether pages may call the function when tokens are off. An operation that hands out upload
   * credentials is signed-only then (IAM URL, FC authType function): no CORS headers.
   */
  public abstract boolean servesPagesWithoutTokens();

  /** Whether the function takes the upload-retry pipeline's events (EventBridge, a Pipe, MNS). */
  public boolean takesPipelineEvents() {
    return false;
  }

  /**
   * The call to make for these parameters and this caller, or the 4xx that says why not: the
   * Action check, then the operation's own rules ({@link #checkOwn}).
   */
  public final Checked<VodCall> check(Parameters parameters, Caller caller) {
    String named = parameters.get("Action");
    if (named != null && !named.equalsIgnoreCase(action)) {
      return refuse(ErrorKind.INVALID_PARAMETER, "Action must be " + action + " for this function.");
    }
    return checkOwn(parameters, caller);
  }

  /**
   * The kind of credential a request asks for where the operation hands out more than one
   * (play-auth's PlayAuthType): a log field and a bounded metrics dimension. Null otherwise.
   */
  public String loggedKind(Parameters parameters) {
    return null;
  }

  /** Drops any key the operation keeps (a SnapStart restore); most keep none. */
  public void forgetKeys() {}

  /** The operation's input rules (DESIGN's validation table), before any VOD call. */
  protected abstract Checked<VodCall> checkOwn(Parameters parameters, Caller caller);

  /** VOD's success body as the answer, or VodBadResponse when a field the answer needs is missing. */
  public final Answer read(JsonNode body) {
    if (!(body instanceof ObjectNode) || !body.path("RequestId").isTextual()) {
      return Answer.error(ErrorKind.VOD_BAD_RESPONSE, "VOD's response could not be read");
    }
    for (String field : requiredFields()) {
      if (!body.path(field).isTextual()) return Answer.error(ErrorKind.VOD_BAD_RESPONSE, "VOD's response has no " + field);
    }
    return Answer.success((ObjectNode) body);
  }

  /** The answer's fields that must be there: the credentials, and what else the caller needs. */
  protected List<String> requiredFields() {
    return credentialFields;
  }

  /** A request this operation accepts (a query string), for priming. */
  public abstract String primingQuery();

  /** VOD's answer to {@link #primingQuery}, replayed by priming's stand-in of VOD: {@code <Action>.json}. */
  public final byte[] primingAnswer() {
    try (InputStream in = getClass().getResourceAsStream(action + ".json")) {
      if (in == null) throw new IllegalStateException("missing priming answer " + action + ".json");
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return functionName;
  }

  /** The VideoId rule shared by the operations on an existing video, with the token's entitlement. */
  protected static Checked<String> videoId(Parameters parameters, Caller caller) {
    String videoId = parameters.get("VideoId");
    if (videoId == null || videoId.isEmpty()) return refuse(ErrorKind.MISSING_PARAMETER, "VideoId is required.");
    if (!VIDEO_ID.matcher(videoId).matches()) {
      return refuse(ErrorKind.INVALID_PARAMETER, "VideoId must be 1 to 64 letters and digits.");
    }
    Answer notEntitled = caller.refusalFor(videoId);
    return notEntitled == null ? Checked.ok(videoId) : Checked.refused(notEntitled);
  }

  protected static <T> Checked<T> refuse(ErrorKind kind, String message) {
    return Checked.refused(Answer.error(kind, message));
  }

  static List<String> names(String... names) {
    return new ArrayList<>(List.of(names));
  }
}
