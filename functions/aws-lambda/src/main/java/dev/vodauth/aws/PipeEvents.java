package dev.vodauth.aws;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an EventBridge Pipe with an SQS source hands its Lambda enrichment: a JSON array of SQS
 * records ({@code messageId}, {@code receiptHandle}, {@code body} as JSON text, {@code attributes},
 * {@code messageAttributes}, {@code md5OfBody}, {@code eventSource: "aws:sqs"},
 * {@code eventSourceARN}, {@code awsRegion}), with no {@code Records} envelope. The Pipe passes
 * an array answer to a batch target (SQS) as one message per element, so the answer is an array
 * with one element per record, in order.
 *
 * <p>Shapes: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-pipes-sqs.html and
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/pipes-enrichment.html
 */
final class PipeEvents {
  private PipeEvents() {}

  /** True for a non-empty array whose every element is an SQS record. */
  static boolean matches(JsonNode event) {
    if (!event.isArray() || event.isEmpty()) return false;
    for (JsonNode record : event) {
      if (!"aws:sqs".equals(record.path("eventSource").asText()) || !record.has("body")) return false;
    }
    return true;
  }

  /**
   * The upload-retry message a record carries: its body, the JSON text the uploader sent (the
   * core answers text that is not a JSON message with a failure record).
   */
  static JsonNode message(JsonNode record) {
    return record.get("body");
  }
}
