package dev.vodauth.aws;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * AWS's own template tools in ../shared/tools (the SAM translator 1.110.0 and cfn-lint 1.51.5),
 * run with python3 as a user runs them. Tests that need them are skipped, saying why, when
 * ../shared/tools, python3 or its Debian packages (../shared/tools/install-deps) are missing.
 */
final class AwsTools {
  private static final String IMPORTS = "import yaml, jsonschema, pydantic, boto3, networkx, sympy, regex, typing_extensions, jsonpatch";
  private static String unavailable;
  private static boolean checked;

  private AwsTools() {}

  /** The tools directory; skips the calling test with the reason when the tools cannot run here. */
  static synchronized Path dir() {
    String shared = System.getProperty("vodauth.sharedDir");
    Path dir = shared == null ? null : Path.of(shared, "tools");
    if (!checked) {
      checked = true;
      if (dir == null || !Files.isRegularFile(dir.resolve("sam-translate"))) {
        unavailable = "../shared/tools not found beside the clone (vodauth.sharedDir=" + shared + ")";
      } else {
        try {
          Result r = run(List.of("python3", "-c", IMPORTS), 60);
          if (r.exit != 0) unavailable = "python3 lacks the tools' packages (run ../shared/tools/install-deps): " + r.stderr.trim();
        } catch (IOException e) {
          unavailable = "python3 not found: " + e.getMessage();
        }
      }
    }
    Assumptions.assumeTrue(unavailable == null, unavailable + ": AWS template tool tests skipped");
    return dir;
  }

  /** sam-translate TEMPLATE Name=Value...: the CloudFormation JSON, or an AssertionError with the translator's reasons. */
  static String samTranslate(Path template, List<String> parameters) throws IOException {
    List<String> command = new ArrayList<>(List.of("python3", dir().resolve("sam-translate").toString(), template.toString()));
    command.addAll(parameters);
    Result r = run(command, 300);
    if (r.exit != 0) throw new AssertionError("sam-translate refused the template (exit " + r.exit + "): " + r.stderr);
    return r.stdout;
  }

  static Result cfnLint(Path template) throws IOException {
    return run(List.of("python3", dir().resolve("cfn-lint-run").toString(), "-t", template.toString()), 300);
  }

  static final class Result {
    final int exit;
    final String stdout;
    final String stderr;

    Result(int exit, String stdout, String stderr) {
      this.exit = exit;
      this.stdout = stdout;
      this.stderr = stderr;
    }
  }

  private static Result run(List<String> command, long timeoutSeconds) throws IOException {
    Path out = Files.createTempFile("aws-tool", ".out");
    Path err = Files.createTempFile("aws-tool", ".err");
    try {
      Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(command + " did not finish within " + timeoutSeconds + " s");
      }
      return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
