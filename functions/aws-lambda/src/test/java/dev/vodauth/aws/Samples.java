package dev.vodauth.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** The real-format events in ../shared/samples/aws-lambda, read from there, never copied. */
final class Samples {
  /** Stands for "no samples" so a parameterized test still runs once, to be skipped with the reason. */
  static final String MISSING = "(../shared/samples/aws-lambda missing)";

  private Samples() {}

  /** The samples directory; skips the test, saying why, when the clone has no ../shared beside it. */
  static Path dir() {
    String shared = System.getProperty("vodauth.sharedDir");
    Path dir = shared == null ? null : Path.of(shared, "samples", "aws-lambda");
    Assumptions.assumeTrue(dir != null && Files.isDirectory(dir),
        "../shared/samples/aws-lambda not found beside the clone (vodauth.sharedDir=" + shared + "): sample tests skipped");
    return dir;
  }

  static Path file(String name) {
    return dir().resolve(name);
  }

  /** The sample events (not the *.response.json answers), or {@link #MISSING}. */
  static Stream<String> events() {
    String shared = System.getProperty("vodauth.sharedDir");
    Path dir = shared == null ? null : Path.of(shared, "samples", "aws-lambda");
    if (dir == null || !Files.isDirectory(dir)) return Stream.of(MISSING);
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json") && !n.endsWith(".response.json"))
          .sorted()
          .collect(Collectors.toList())
          .stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
