package dev.vodauth.aws;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an SQS event source mapping hands a function: {@code {"Records": [...]}}, each record with
 * {@code eventSource: "aws:sqs"}. Neither function takes it: a mapping discards the function's
 * answer, so the upload credentials would reach nobody, and it deletes the messages of an
 * invocation that succeeds. Such a batch fails the invocation (the messages stay on the queue and
 * reach its dead-letter queue); the queue path is an EventBridge Pipe ({@link PipeEvents}).
 *
 * <p>Shape: https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html
 */
final class SqsEventSourceMappingEvents {
  /** The invocation's error message: the cause and what to do instead. */
  static final String REFUSAL = "an SQS event source mapping's batch (Records) is not answered: a mapping"
      + " discards the answers, so the upload credentials would reach nobody, and would delete the messages as done."
      + " The invocation fails so that they stay on the queue. Connect the queue through the EventBridge Pipe"
      + " (template.yml parameter UploadRetryQueue) instead of an event source mapping.";

  private SqsEventSourceMappingEvents() {}

  /** True for a {@code Records} envelope holding at least one SQS record. */
  static boolean matches(JsonNode event) {
    JsonNode records = event.path("Records");
    if (!event.isObject() || !records.isArray()) return false;
    for (JsonNode record : records) {
      if ("aws:sqs".equals(record.path("eventSource").asText())) return true;
    }
    return false;
  }
}
