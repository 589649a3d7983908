package dev.vodauth.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodauth.answer.Answer;
import dev.vodauth.answer.AnswerWriter;
import dev.vodauth.answer.ErrorKind;
import dev.vodauth.answer.ResponseFormat;
import dev.vodauth.auth.Caller;
import dev.vodauth.auth.TokenCheck;
import dev.vodauth.http.HttpRequest;
import dev.vodauth.http.HttpResponse;
import dev.vodauth.log.InvocationLog;
import dev.vodauth.log.LogRecord;
import dev.vodauth.log.Redaction;
import dev.vodauth.pipeline.EventFailureException;
import dev.vodauth.pipeline.EventProcessor;
import dev.vodauth.request.Checked;
import dev.vodauth.request.Parameters;
import dev.vodauth.request.RequestReader;
import dev.vodauth.vod.VodCall;
import dev.vodauth.vod.VodClient;
import dev.vodauth.operation.VodOperation;
import java.util.List;

/**
 * One function (one {@link VodOperation}) as every platform sees it: an HTTP request in, an
 * HTTP response out; or an event message in, its answer out. Adapters translate to and from these
 * and nothing more. Thread-safe: build one per container.
 */
public final class VodFunction {
  private final VodOperation operation;
  private final RequestReader reader;
  private final VodClient client;
  private final AnswerWriter writer;
  private final EventProcessor events;
  private final InvocationLog log;
  private final TokenCheck tokens;

  VodFunction(VodOperation operation, VodClient client, AnswerWriter writer, InvocationLog log, ObjectMapper json,
      TokenCheck tokens, int batchMaxMessages, int messageMaxBytes) {
    this.operation = operation;
    this.reader = new RequestReader(json, operation.parameterNames());
    this.client = client;
    this.writer = writer;
    this.log = log;
    this.tokens = tokens;
    this.events = new EventProcessor(operation, client, json, batchMaxMessages, messageMaxBytes);
  }

  public VodOperation operation() {
    return operation;
  }

  /**
   * Answers an HTTP request: preflight, 405, 401/503 for a refused token, 4xx for bad input, 403
   * for a video the token does not list, or VOD's answer. The token is checked before the input,
   * so a caller without one learns nothing of the rules (401 even with bad parameters).
   */
  public HttpResponse handleHttp(HttpRequest request, Invocation invocation) {
    long started = System.nanoTime();
    LogRecord record = newRecord(invocation);
    String origin = request.header("Origin");
    if (request.method().equals("OPTIONS")) {
      HttpResponse preflight = writer.preflight(origin, invocation.requestId());
      log.record(record.outcome("Preflight", preflight.status()).durationMillis(millisSince(started)));
      return preflight;
    }
    ResponseFormat format = ResponseFormat.choose(firstQueryValue(request, "Format"), request.header("Accept"));
    Answer answer;
    try {
      if (request.method().isEmpty()) {
        answer = Answer.error(ErrorKind.INVALID_PARAMETER, "The request names no HTTP method.");
      } else if (!request.method().equals("GET") && !request.method().equals("POST")) {
        answer = Answer.error(ErrorKind.METHOD_NOT_ALLOWED, methodNotAllowed(request.method()));
      } else {
        Caller caller = tokens.check(request.header("Authorization"), invocation.deadline());
        Checked<Parameters> parameters = caller.refusal() == null ? reader.read(request) : null;
        if (parameters == null) {
          answer = caller.refusal(); // nothing of the request is read for a caller without a token
        } else if (parameters.isOk()) {
          Parameters p = parameters.value();
          format = ResponseFormat.choose(p.get("Format"), request.header("Accept"));
          record.videoId(p.get("VideoId")).subject(caller.subject()).playAuthType(operation.loggedKind(p));
          answer = call(p, caller, invocation);
          if (answer.isSuccess() && p.get("VideoId") == null) record.videoId(answer.body().path("VideoId").asText(null));
        } else {
          answer = parameters.error();
        }
      }
    } catch (RuntimeException e) {
      answer = internalError(e, record);
    }
    HttpResponse response = writer.write(operation.xmlRoot(), answer, format, invocation.requestId(), origin, client.retryAfterSeconds());
    if (answer.detail() != null) record.message(answer.detail());
    log.record(record.outcome(outcomeOf(answer), answer.status()).vod(answer.vodRequestId(), answer.attempts())
        .vodCall(answer.attempts(), answer.vodMillis()).durationMillis(millisSince(started)));
    return response;
  }

  /**
   * An error of the HTTP server in front of this function (the local runner's own 404, 405, 408,
   * 413 or 400 for a malformed request): written as this function writes its own errors, in the
   * shape {@code {"RequestId","Code","Message"}} with {@code Cache-Control: no-store} and this
   * function's CORS headers for {@code origin}, so a browser can read it.
   */
  public HttpResponse errorResponse(int status, String code, String message, String requestId, String origin) {
    HttpResponse written = writer.write(operation.xmlRoot(), Answer.vodError(ErrorKind.INVALID_PARAMETER, code, message, null),
        ResponseFormat.JSON, requestId, origin, 0);
    return HttpResponse.of(status, written.headers(), written.body());
  }

  /**
   * Answers one event message ({@code {"VideoId", "Context"}}, as an object or as JSON text).
   *
   * @throws EventFailureException on a transient failure, so the platform retries the invocation
   */
  public ObjectNode handleEvent(JsonNode message, Invocation invocation) {
    long started = System.nanoTime();
    return (ObjectNode) finish(events.processOne(message, invocation.deadline(), invocation.credentials()), invocation, started, false);
  }

  /**
   * Answers a batch of messages with {@code {"Results": [...], "Failures": [...]}}.
   *
   * @throws EventFailureException when any message meets a transient failure
   */
  public ObjectNode handleEventBatch(List<JsonNode> messages, Invocation invocation) {
    long started = System.nanoTime();
    return (ObjectNode) finish(events.processBatch(messages, invocation.deadline(), invocation.credentials()), invocation, started, true);
  }

  /**
   * Answers a batch one answer per message, in order (an EventBridge Pipe's enrichment): each
   * message's response plus Context, or its failure record.
   *
   * @throws EventFailureException when the batch holds more than EVENT_BATCH_MAX_MESSAGES messages
   *     (none is processed) or any message meets a transient failure
   */
  public ArrayNode handleEventsInOrder(List<JsonNode> messages, Invocation invocation) {
    long started = System.nanoTime();
    return (ArrayNode) finish(events.processInOrder(messages, invocation.deadline(), invocation.credentials()), invocation, started, true);
  }

  /**
   * Refuses an event that must not be answered (its answers would reach nobody): writes its log
   * line and returns the exception to throw, so the invocation fails and the platform keeps the
   * messages instead of treating them as done.
   *
   * @param why says what arrived and where to send it instead; it is the exception's message
   */
  public EventFailureException refuseEvent(String why, Invocation invocation) {
    ErrorKind kind = ErrorKind.UNSUPPORTED_EVENT_SOURCE;
    log.record(newRecord(invocation).outcome(kind.defaultCode(), kind.status()).message(why).durationMillis(0));
    return new EventFailureException(operation.functionName() + ": " + why, kind, kind.defaultCode());
  }

  private Answer call(Parameters parameters, Caller caller, Invocation invocation) {
    Checked<VodCall> call = operation.check(parameters, caller);
    if (!call.isOk()) return call.error();
    VodCall next = call.value();
    Answer answer = client.call(next, invocation.deadline(), invocation.credentials());
    for (next = next.then(); next != null && answer.isSuccess(); next = next.then()) {
      answer = client.call(next, invocation.deadline(), invocation.credentials());
    }
    return answer;
  }

  private JsonNode finish(EventProcessor.Outcome outcome, Invocation invocation, long started, boolean batch) {
    Answer last = outcome.lastAnswer();
    LogRecord record = newRecord(invocation)
        .videoId(outcome.videoId())
        .batch(outcome.results(), outcome.failures())
        .playAuthType(outcome.kinds())
        .durationMillis(millisSince(started));
    if (last != null && (!batch || outcome.mustFail())) record.vod(last.vodRequestId(), last.attempts());
    for (Answer each : outcome.answers()) record.vodCall(each.attempts(), each.vodMillis());
    if (last != null && last.detail() != null) record.message(last.detail());
    if (outcome.mustFail() && !last.kind().failsEvent()) {
      // A batch too large for ordered answers: refused whole, and not answered (processInOrder).
      log.record(record.outcome(last.code(), last.status()).message(last.message()));
      throw new EventFailureException(operation.functionName() + ": " + last.code() + ": " + last.message()
          + " The invocation fails: the messages stay on their queue.", last.kind(), last.code());
    }
    if (outcome.mustFail()) {
      log.record(record.outcome(last.code(), last.status()).message("transient failure: the platform will retry"));
      throw new EventFailureException(
          operation.functionName() + ": " + last.code() + " for VideoId " + outcome.videoId()
              + "; the invocation fails so that the platform retries it",
          last.kind(), last.code());
    }
    if (batch && outcome.refusedWhole()) {
      log.record(record.outcome(last.code(), last.status()));
    } else if (batch) {
      log.record(record.outcome("Batch", 200));
    } else {
      log.record(record.outcome(outcomeOf(last), last.status()));
    }
    return outcome.answer();
  }

  private LogRecord newRecord(Invocation invocation) {
    return LogRecord.of(invocation.requestId(), operation.functionName(), invocation.trigger()).traceId(invocation.traceId());
  }

  private static Answer internalError(RuntimeException e, LogRecord record) {
    // A defect of ours: the caller learns nothing of it, the log gets the type and a clean message.
    record.defect(e.getClass().getName() + ": " + Redaction.clean(e.getMessage()));
    return Answer.error(ErrorKind.INTERNAL, "The function failed unexpectedly.");
  }

  private static String methodNotAllowed(String method) {
    // Only a method that looks like one is repeated back: the caller's text is not ours to echo.
    String named = method.matches("[A-Z]{1,16}") ? "Method " + method : "This method";
    return named + " is not allowed: use GET, POST or OPTIONS.";
  }

  private static String outcomeOf(Answer answer) {
    return answer.isSuccess() ? "Success" : answer.code();
  }

  private static String firstQueryValue(HttpRequest request, String name) {
    for (java.util.Map.Entry<String, List<String>> e : request.query().entrySet()) {
      if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) return e.getValue().get(0);
    }
    return null;
  }

  private static long millisSince(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000L;
  }
}
