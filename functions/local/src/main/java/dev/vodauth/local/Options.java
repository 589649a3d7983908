package dev.vodauth.local;

import java.util.Map;

/** The runner's command line and environment: the port to listen on, or a request for help. */
final class Options {
  static final int DEFAULT_PORT = 8080;
  static final String USAGE =
      "usage: java -jar vod-auth-local.jar [--port N]   (or env PORT; default " + DEFAULT_PORT + ", 0 = any free port)";

  private final int port;
  private final boolean help;

  private Options(int port, boolean help) {
    this.port = port;
    this.help = help;
  }

  /**
   * Reads {@code --port N}, {@code --port=N} and {@code --help}; the environment's {@code PORT} when no port is given.
   *
   * @throws IllegalArgumentException naming the bad argument
   */
  static Options parse(String[] args, Map<String, String> env) {
    String port = env.get("PORT");
    String source = "PORT";
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        return new Options(DEFAULT_PORT, true);
      } else if (arg.equals("--port")) {
        if (i + 1 >= args.length) throw new IllegalArgumentException("--port needs a number");
        port = args[++i];
        source = "--port";
      } else if (arg.startsWith("--port=")) {
        port = arg.substring("--port=".length());
        source = "--port";
      } else {
        throw new IllegalArgumentException("unknown argument: " + arg);
      }
    }
    return new Options(port == null || port.trim().isEmpty() ? DEFAULT_PORT : portNumber(port.trim(), source), false);
  }

  private static int portNumber(String value, String source) {
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65535) return port;
    } catch (NumberFormatException ignored) {
      // Falls through to the message, which shows the rule.
    }
    throw new IllegalArgumentException(source + " must be a port number from 0 to 65535, got '" + value + "'");
  }

  int port() {
    return port;
  }

  boolean help() {
    return help;
  }
}
