package dev.vodauth.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The ../shared folder beside the clone (samples, schemas, tools), as surefire names it in the
 * {@code vodauth.sharedDir} property. Read from there, never copied; a test that needs a file that
 * is absent is skipped, saying which file and why.
 */
public final class SharedFiles {
  /** Stands for "no samples" so a parameterized test still runs once, to be skipped with the reason. */
  public static final String MISSING = "(../shared/samples missing)";

  private SharedFiles() {}

  /** ../shared, or null when the property is not set (a run outside Maven). */
  public static Path root() {
    String dir = System.getProperty("vodauth.sharedDir");
    return dir == null ? null : Path.of(dir);
  }

  /** {@code ../shared/relative}, or null when ../shared is unknown or the file or folder is absent. */
  public static Path find(String relative) {
    Path root = root();
    if (root == null) return null;
    Path path = root.resolve(relative);
    return Files.exists(path) ? path : null;
  }

  /** {@code ../shared/relative}; skips the calling test, saying why, when it is absent. */
  public static Path require(String relative) {
    Path path = find(relative);
    Assumptions.assumeTrue(path != null,
        "../shared/" + relative + " not found beside the clone (vodauth.sharedDir=" + root() + "): test skipped");
    return path;
  }

  /** A sample file: {@code ../shared/samples/platform/name}, skipping when absent. */
  public static Path sample(String platform, String name) {
    return require("samples/" + platform + "/" + name);
  }

  /**
   * The names of a platform's sample events (not the {@code *.response.json} answers), sorted; or
   * only {@link #MISSING} when the folder is absent, for the test to skip through {@link #sample}.
   */
  public static Stream<String> sampleEvents(String platform) {
    Path dir = find("samples/" + platform);
    if (dir == null) return Stream.of(MISSING);
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names = files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json") && !n.endsWith(".response.json"))
          .sorted()
          .collect(Collectors.toList());
      return names.stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file's bytes. */
  public static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
