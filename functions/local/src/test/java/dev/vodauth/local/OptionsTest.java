package dev.vodauth.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {
  @Test
  void portIs8080ByDefault() {
    assertEquals(8080, Options.parse(new String[0], Map.of()).port());
  }

  @Test
  void portComesFromTheEnvironment() {
    assertEquals(9090, Options.parse(new String[0], Map.of("PORT", "9090")).port());
  }

  @Test
  void portArgumentWinsOverTheEnvironment() {
    assertEquals(0, Options.parse(new String[] {"--port", "0"}, Map.of("PORT", "9090")).port());
    assertEquals(7000, Options.parse(new String[] {"--port=7000"}, Map.of()).port());
  }

  @Test
  void helpIsRecognised() {
    assertTrue(Options.parse(new String[] {"--help"}, Map.of()).help());
  }

  @Test
  void badPortIsRefusedNamingItsSource() {
    IllegalArgumentException fromArgs =
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--port", "http"}, Map.of()));
    IllegalArgumentException fromEnv =
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[0], Map.of("PORT", "70000")));

    assertEquals("--port must be a port number from 0 to 65535, got 'http'", fromArgs.getMessage());
    assertEquals("PORT must be a port number from 0 to 65535, got '70000'", fromEnv.getMessage());
  }

  @Test
  void unknownArgumentIsRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--verbose"}, Map.of()));

    assertEquals("unknown argument: --verbose", e.getMessage());
  }
}
