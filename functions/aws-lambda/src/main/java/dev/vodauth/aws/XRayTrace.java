package dev.vodauth.aws;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.regex.Pattern;

/**
 * The invocation's X-Ray trace ID for the log line. The Java runtime gives the trace header
 * ({@code Root=1-...;Parent=...;Sampled=...}) per invocation in the system property
 * {@value #TRACE_HEADER_PROPERTY}, set before each invocation and cleared when it has none (the
 * {@code _X_AMZN_TRACE_ID} variable cannot change in a running JVM); newer runtimes also give it
 * through {@code Context.getXrayTraceId()}, which is right under concurrent invocations too.
 */
final class XRayTrace {
  static final String TRACE_HEADER_PROPERTY = "com.amazonaws.xray.traceHeader";

  /** An X-Ray trace ID is {@code 1-<8 hex>-<24 hex>}; anything else is not logged (a caller can send the header). */
  private static final Pattern TRACE_ID = Pattern.compile("1-[0-9a-fA-F]{8}-[0-9a-fA-F]{24}");

  private XRayTrace() {}

  /** The trace ID (the header's Root), or null when the invocation has none. */
  static String traceId(Context context) {
    String header = fromContext(context);
    return rootOf(header != null ? header : System.getProperty(TRACE_HEADER_PROPERTY));
  }

  private static String fromContext(Context context) {
    try {
      return context.getXrayTraceId();
    } catch (LinkageError olderRuntime) { // a runtime whose Context predates the method
      return null;
    }
  }

  static String rootOf(String header) {
    if (header == null) return null;
    for (String part : header.split(";")) {
      String element = part.trim();
      String value = element.startsWith("Root=") ? element.substring(5) : element;
      if (TRACE_ID.matcher(value).matches()) return value;
    }
    return null;
  }
}
