package dev.vodauth.request;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vodauth.answer.Answer;
import dev.vodauth.answer.ErrorKind;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Request parameters by name, names matched without regard to case ({@code videoId} works). */
public final class Parameters {
  /**
   * The names the functions read. Any other name is dropped as it is read, however often it is
   * given: unknown parameters are ignored and never reach VOD.
   */
  public static final Set<String> KNOWN = caseInsensitive("VideoId", "AuthInfoTimeout", "Action", "Format",
      "PlayAuthType", "Formats", "AuthTimeout", "StreamType", "Definition", "ResultType",
      "OutputType");

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

  /**
   * Gathers parameters from every place a request holds them (query, body, message). One rule for
   * all: a known parameter given more than once (in any case, in any place) must have one value.
   */
  public static final class Collector {
    private final Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    /** Adds a value; null when accepted, else the refusal naming the parameter. */
    public Answer add(String name, String value) {
      if (name == null || value == null || !KNOWN.contains(name)) return null;
      String before = values.putIfAbsent(name, value);
      if (before != null && !before.equals(value)) return givenTwice(name);
      return null;
    }

    /**
     * Adds the fields of a JSON object, but those named in {@code skip}; null fields count as
     * absent, objects and arrays as their JSON text (the field's own rule then refuses them).
     */
    public Answer addFields(JsonNode object, String skip) {
      for (String name : RepeatedFields.in(object)) {
        if (KNOWN.contains(name)) return givenTwice(name);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        JsonNode value = field.getValue();
        if (value.isNull() || field.getKey().equalsIgnoreCase(skip)) continue;
        Answer refused = add(field.getKey(), value.isValueNode() ? value.asText() : value.toString());
        if (refused != null) return refused;
      }
      return null;
    }

    public Parameters parameters() {
      Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      copy.putAll(values);
      return new Parameters(Collections.unmodifiableMap(copy));
    }

    private static Answer givenTwice(String name) {
      return Answer.error(ErrorKind.INVALID_PARAMETER, name + " is given more than once with different values.");
    }
  }

  private static Set<String> caseInsensitive(String... names) {
    Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    Collections.addAll(set, names);
    return Collections.unmodifiableSet(set);
  }
}
