package dev.vodauth.request;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Request parameters by name, names matched without regard to case ({@code videoId} works). */
public final class Parameters {
  private final Map<String, String> values;

  private Parameters(Map<String, String> values) {
    this.values = values;
  }

  /** Parameters from a map; a name given twice in different cases keeps the last value. */
  public static Parameters of(Map<String, String> values) {
    Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    copy.putAll(values);
    return new Parameters(Collections.unmodifiableMap(copy));
  }

  /** The value, or null when absent. */
  public String get(String name) {
    return values.get(name);
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  @Override
  public String toString() {
    return "Parameters" + values.keySet();
  }
}
