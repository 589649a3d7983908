package dev.vodauth.aws;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a CloudFormation/SAM template, turning the short-form intrinsic tags ({@code !Ref},
 * {@code !GetAtt}, {@code !Sub}, ...) into their long form ({@code {"Ref": ...}},
 * {@code {"Fn::GetAtt": [...]}}) where a plain YAML reader would drop the tag and keep the text.
 */
final class CloudFormationYaml {
  /** Every short-form tag CloudFormation knows; Ref and Condition keep their name, the rest gain "Fn::". */
  static final List<String> TAGS = Arrays.asList("Ref", "Condition", "GetAtt", "Sub", "If", "Equals", "Join", "Select",
      "Split", "FindInMap", "GetAZs", "ImportValue", "Base64", "Cidr", "And", "Or", "Not", "Transform", "ToJsonString",
      "Length", "ForEach");

  private CloudFormationYaml() {}

  static Object load(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return new Yaml(new IntrinsicConstructor(new LoaderOptions())).load(reader);
    }
  }

  private static final class IntrinsicConstructor extends SafeConstructor {
    IntrinsicConstructor(LoaderOptions options) {
      super(options);
      for (String tag : TAGS) yamlConstructors.put(new Tag("!" + tag), new Intrinsic(tag));
    }

    private final class Intrinsic extends AbstractConstruct {
      private final String name;

      Intrinsic(String name) {
        this.name = name;
      }

      @Override
      public Object construct(Node node) {
        String key = name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name;
        Object value;
        if (node instanceof ScalarNode) {
          String text = constructScalar((ScalarNode) node);
          // !GetAtt Resource.Attribute is short for [Resource, Attribute].
          value = name.equals("GetAtt") ? Arrays.asList(text.split("\\.", 2)) : text;
        } else if (node instanceof SequenceNode) {
          value = constructSequence((SequenceNode) node);
        } else {
          value = constructMapping((MappingNode) node);
        }
        return Collections.singletonMap(key, value);
      }
    }
  }
}
