package dev.vodauth.aws;

import dev.vodauth.testkit.SharedFiles;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The real-format events in ../shared/samples/aws-lambda, read from there through {@link SharedFiles}. */
final class Samples {
  static final String MISSING = SharedFiles.MISSING;

  private Samples() {}

  /** The samples folder; skips the test, saying why, when ../shared is not beside the clone. */
  static Path dir() {
    return SharedFiles.require("samples/aws-lambda");
  }

  static Path file(String name) {
    return SharedFiles.sample("aws-lambda", name);
  }

  /** The sample events (not the *.response.json answers), or {@link #MISSING}. */
  static Stream<String> events() {
    return SharedFiles.sampleEvents("aws-lambda");
  }
}
