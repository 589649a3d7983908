package dev.vodauth.fuzz;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * Real-format events (platform samples, the project's fixtures) mutated field by field: a field
 * dropped, nulled, of another type, a random or huge string, the Base64 flag flipped, a body of
 * random bytes, a key given twice, the method, query, content type or VideoId changed. Each case
 * is one seed and a {@link Random} from a generated long, so a failing case is replayed from its seed.
 */
public final class EventMutations {
  private static final String SPECIAL = "%&=,;+{}[]\"\\\u0000\r\n#?/";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] METHODS = {"GET", "POST", "OPTIONS", "DELETE", "PUT", "get", "", " ", "G\u00c9T", "CONNECT"};
  private static final String[] CONTENT_TYPES = {"application/json", "application/x-www-form-urlencoded", "text/plain",
      "application/octet-stream", "application/xml", "multipart/form-data; boundary=x", "application/json; charset=latin1",
      "", ";;;", "application/vnd.api+json"};
  private static final String[] QUERIES = {"VideoId=%zz", "VideoId=a&VideoId=b", "videoid=a&VIDEOID=a", "utm=a&utm=b",
      "Format=XML", "format=xml&Format=JSON", "AuthInfoTimeout=99", "AuthInfoTimeout=3000&AuthInfoTimeout=3000",
      "Action=RefreshUploadVideo", "Action=GetVideoPlayAuth", "&&&==", "VideoId", "VideoId=&Format=", "%00=%00"};

  /** One mutated event: its bytes and what was done to which seed. */
  public static final class MutatedEvent {
    private final byte[] bytes;
    private final String description;

    MutatedEvent(byte[] bytes, String description) {
      this.bytes = bytes;
      this.description = description;
    }

    public byte[] bytes() {
      return bytes;
    }

    @Override
    public String toString() {
      return description + ": " + AnswerInvariants.abbreviate(new String(bytes, StandardCharsets.UTF_8));
    }
  }

  private final List<String> videoIds;

  /** @param videoIds IDs worth putting in a VideoId field (known videos, unknown ones) */
  public EventMutations(List<String> videoIds) {
    this.videoIds = List.copyOf(videoIds);
  }

  /** Mutations of these named seeds, one to three per case; now and then pure noise. */
  public Gen<MutatedEvent> of(Map<String, JsonNode> seeds) {
    List<String> names = new ArrayList<>(seeds.keySet());
    // A plain Random from a generated long: one value to shrink and replay, however many choices the mutation makes.
    Gen<MutatedEvent> mutated = Generate.pick(names).zip(SourceDSL.longs().all(),
        (name, seed) -> mutate(name, seeds.get(name), new Random(seed)));
    Gen<MutatedEvent> noise = SourceDSL.longs().all().map(seed -> noise(new Random(seed)));
    return Generate.frequency(Pair.of(19, mutated), Pair.of(1, noise));
  }

  MutatedEvent mutate(String name, JsonNode seed, Random random) {
    JsonNode event = seed.deepCopy();
    StringBuilder done = new StringBuilder(name);
    int count = 1 + random.nextInt(3);
    ObjectNode duplicateIn = null;
    String duplicateName = null;
    JsonNode duplicateValue = null;
    for (int i = 0; i < count; i++) {
      List<Slot> slots = new ArrayList<>();
      collect(event, slots);
      if (slots.isEmpty()) break;
      Slot slot = slots.get(random.nextInt(slots.size()));
      int kind = random.nextInt(12);
      switch (kind) {
        case 0:
          slot.remove();
          done.append(" drop ").append(slot);
          break;
        case 1:
          slot.set(NODES.nullNode());
          done.append(" null ").append(slot);
          break;
        case 2:
          slot.set(otherType(random));
          done.append(" type ").append(slot);
          break;
        case 3:
          slot.set(NODES.textNode(randomString(random, 40)));
          done.append(" random ").append(slot);
          break;
        case 4:
          slot.set(NODES.textNode(hugeString(random)));
          done.append(" huge ").append(slot);
          break;
        case 5:
          setEverywhere(event, "isBase64Encoded", random.nextBoolean() ? NODES.booleanNode(true) : NODES.textNode("true"));
          done.append(" base64-flag");
          break;
        case 6:
          byte[] bytes = new byte[random.nextInt(300)];
          random.nextBytes(bytes);
          boolean encoded = random.nextBoolean();
          setEverywhere(event, "body", NODES.textNode(encoded ? Base64.getEncoder().encodeToString(bytes) : new String(bytes, StandardCharsets.ISO_8859_1)));
          setEverywhere(event, "isBase64Encoded", NODES.booleanNode(encoded));
          done.append(" random-body");
          break;
        case 7:
          String method = METHODS[random.nextInt(METHODS.length)];
          setEverywhere(event, "method", NODES.textNode(method));
          setEverywhere(event, "httpMethod", NODES.textNode(method));
          done.append(" method=").append(method);
          break;
        case 8:
          String query = QUERIES[random.nextInt(QUERIES.length)] + "&VideoId=" + videoId(random);
          setEverywhere(event, "rawQueryString", NODES.textNode(query));
          putEverywhere(event, "queryParameters", "utm", NODES.textNode("a,b"));
          putEverywhere(event, "multiValueQueryStringParameters", "utm", NODES.arrayNode().add("a").add("b"));
          done.append(" query=").append(query);
          break;
        case 9:
          String type = CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
          putEverywhere(event, "headers", "Content-Type", NODES.textNode(type));
          done.append(" content-type=").append(type);
          break;
        case 10:
          setEverywhere(event, "VideoId", NODES.textNode(videoId(random)));
          done.append(" VideoId");
          break;
        default:
          // A key given twice, the first with another value: in an object of the event, or in a JSON body.
          List<ObjectNode> objects = new ArrayList<>();
          objects(event, objects);
          ObjectNode target = objects.get(random.nextInt(objects.size()));
          if (target.size() > 0) {
            List<String> fields = new ArrayList<>();
            target.fieldNames().forEachRemaining(fields::add);
            duplicateIn = target;
            duplicateName = fields.get(random.nextInt(fields.size()));
            duplicateValue = random.nextBoolean() ? NODES.textNode(videoId(random)) : target.get(duplicateName);
            done.append(" duplicate ").append(duplicateName);
          }
          duplicateJsonBody(event, random, done);
          break;
      }
    }
    return new MutatedEvent(write(event, duplicateIn, duplicateName, duplicateValue).getBytes(StandardCharsets.UTF_8), done.toString());
  }

  private MutatedEvent noise(Random random) {
    switch (random.nextInt(4)) {
      case 0:
        byte[] bytes = new byte[random.nextInt(200)];
        random.nextBytes(bytes);
        return new MutatedEvent(bytes, "random bytes");
      case 1:
        return new MutatedEvent(("\"" + randomString(random, 60).replace("\\", "").replace("\"", "") + "\"").getBytes(StandardCharsets.UTF_8), "a JSON string");
      case 2:
        return new MutatedEvent(("[" + "{\"VideoId\":\"" + videoId(random) + "\"},".repeat(random.nextInt(15)) + "1]").getBytes(StandardCharsets.UTF_8), "a batch");
      default:
        return new MutatedEvent(String.valueOf(random.nextLong()).getBytes(StandardCharsets.UTF_8), "a number");
    }
  }

  private String videoId(Random random) {
    if (random.nextInt(5) == 0) return randomString(random, 70);
    return videoIds.get(random.nextInt(videoIds.size()));
  }

  /** A JSON body (text) given a repeated key, VideoId with another value or the same. */
  private void duplicateJsonBody(JsonNode event, Random random, StringBuilder done) {
    JsonNode body = event.path("body");
    if (!body.isTextual() || !body.asText().trim().startsWith("{")) return;
    String repeat = random.nextBoolean() ? "\"VideoId\":\"" + videoId(random) + "\"," : "\"videoid\":\"" + videoId(random) + "\",";
    String text = body.asText().replaceFirst("\\{", "{" + java.util.regex.Matcher.quoteReplacement(repeat));
    ((ObjectNode) event).put("body", text);
    ((ObjectNode) event).put("isBase64Encoded", false);
    done.append(" body-duplicate");
  }

  /** Up to maxLength characters: printable ASCII, the characters that break parsers, and non-ASCII. */
  public static String randomString(Random random, int maxLength) {
    int length = random.nextInt(maxLength + 1);
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      int pick = random.nextInt(10);
      if (pick < 6) s.append((char) (0x20 + random.nextInt(0x5f)));
      else if (pick < 8) s.append(SPECIAL.charAt(random.nextInt(SPECIAL.length())));
      else s.appendCodePoint(0xa0 + random.nextInt(0x2fff));
    }
    return s.toString();
  }

  private static String hugeString(Random random) {
    return "x".repeat(15_000 + random.nextInt(60_000));
  }

  private static JsonNode otherType(Random random) {
    switch (random.nextInt(5)) {
      case 0:
        return NODES.numberNode(random.nextInt());
      case 1:
        return NODES.booleanNode(random.nextBoolean());
      case 2:
        return NODES.arrayNode().add("a").add(1);
      case 3:
        return NODES.objectNode().put("VideoId", "x");
      default:
        return NODES.numberNode(random.nextDouble());
    }
  }

  private static void setEverywhere(JsonNode node, String name, JsonNode value) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      if (object.has(name)) object.set(name, value.deepCopy());
      object.elements().forEachRemaining(child -> setEverywhere(child, name, value));
    } else if (node.isArray()) {
      node.forEach(child -> setEverywhere(child, name, value));
    }
  }

  private static void putEverywhere(JsonNode node, String mapName, String name, JsonNode value) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      if (object.path(mapName).isObject()) ((ObjectNode) object.get(mapName)).set(name, value.deepCopy());
      object.elements().forEachRemaining(child -> putEverywhere(child, mapName, name, value));
    } else if (node.isArray()) {
      node.forEach(child -> putEverywhere(child, mapName, name, value));
    }
  }

  private static void objects(JsonNode node, List<ObjectNode> out) {
    if (node.isObject()) out.add((ObjectNode) node);
    if (node.isContainerNode()) node.elements().forEachRemaining(child -> objects(child, out));
  }

  private static void collect(JsonNode node, List<Slot> out) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        out.add(new Slot((ObjectNode) node, field.getKey(), -1));
        collect(field.getValue(), out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        out.add(new Slot(null, null, i, (ArrayNode) node));
        collect(node.get(i), out);
      }
    }
  }

  /** A place in the tree: an object's field or an array's element. */
  private static final class Slot {
    final ObjectNode object;
    final String name;
    final int index;
    final ArrayNode array;

    Slot(ObjectNode object, String name, int index) {
      this(object, name, index, null);
    }

    Slot(ObjectNode object, String name, int index, ArrayNode array) {
      this.object = object;
      this.name = name;
      this.index = index;
      this.array = array;
    }

    void remove() {
      if (object != null) object.remove(name);
      else array.remove(index);
    }

    void set(JsonNode value) {
      if (object != null) object.set(name, value);
      else array.set(index, value);
    }

    @Override
    public String toString() {
      return object != null ? name : "[" + index + "]";
    }
  }

  /** The tree as JSON text, with one object given a field twice (the repeat written first). */
  private static String write(JsonNode event, ObjectNode duplicateIn, String duplicateName, JsonNode duplicateValue) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = JSON.getFactory().createGenerator(out)) {
      write(generator, event, duplicateIn, duplicateName, duplicateValue);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void write(JsonGenerator generator, JsonNode node, ObjectNode duplicateIn, String name, JsonNode value) throws IOException {
    if (node.isObject()) {
      generator.writeStartObject();
      if (node == duplicateIn) {
        generator.writeFieldName(name);
        JSON.writeTree(generator, value);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        generator.writeFieldName(field.getKey());
        write(generator, field.getValue(), duplicateIn, name, value);
      }
      generator.writeEndObject();
    } else if (node.isArray()) {
      generator.writeStartArray();
      for (JsonNode element : node) write(generator, element, duplicateIn, name, value);
      generator.writeEndArray();
    } else {
      JSON.writeTree(generator, node);
    }
  }

}
