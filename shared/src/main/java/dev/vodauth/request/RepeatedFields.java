package dev.vodauth.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * JSON objects that remember which field names came twice with different values. Jackson keeps
 * the last of a repeated field, so {@code {"VideoId":"a","VideoId":"b"}} would read as "b"; the
 * input rules refuse that as they do a repeated query parameter, and accept the same value twice.
 * (Jackson's {@code STRICT_DUPLICATE_DETECTION} refuses every repeat, even an identical one.)
 *
 * <p>Jackson's tree reader adds each field with {@link ObjectNode#replace}, which reports the value
 * it replaced: that is where a repeat is seen. Objects built or copied in code are plain ones.
 */
public final class RepeatedFields {
  private static final JsonNodeFactory NODES = new Nodes();

  private RepeatedFields() {}

  /** Makes the mapper's trees remember repeated fields; returns it. */
  public static ObjectMapper remembered(ObjectMapper json) {
    return json.setNodeFactory(NODES);
  }

  /** A reader of trees that remember repeated fields, whatever the mapper's own setting. */
  public static ObjectReader reader(ObjectMapper json) {
    return json.reader().with(NODES);
  }

  /** Names given twice with different values in this object (exactly as written); empty when none. */
  public static Set<String> in(JsonNode object) {
    return object instanceof RememberingObjectNode ? ((RememberingObjectNode) object).repeated() : Collections.emptySet();
  }

  private static final class Nodes extends JsonNodeFactory {
    private static final long serialVersionUID = 1L;

    @Override
    public ObjectNode objectNode() {
      return new RememberingObjectNode(this);
    }
  }

  private static final class RememberingObjectNode extends ObjectNode {
    private static final long serialVersionUID = 1L;
    private Set<String> repeated;

    RememberingObjectNode(JsonNodeFactory nodes) {
      super(nodes);
    }

    @Override
    public JsonNode replace(String name, JsonNode value) {
      JsonNode before = super.replace(name, value);
      if (before != null && !before.equals(value)) {
        if (repeated == null) repeated = new TreeSet<>();
        repeated.add(name);
      }
      return before;
    }

    Set<String> repeated() {
      return repeated == null ? Collections.emptySet() : Collections.unmodifiableSet(repeated);
    }
  }
}
