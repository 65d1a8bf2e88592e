package dev.ec2migrator.demo.cfn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads a template (YAML or JSON) into maps, lists and strings. CloudFormation's short forms
 * ({@code !Ref x}, {@code !GetAtt a.b}, {@code !Sub ...}) become their long forms ({@code {Ref:
 * x}}, {@code {Fn::GetAtt: [a, b]}}). Scalars stay text, as CloudFormation passes them on.
 */
final class TemplateYaml {
  /** Bounds the work an alias-heavy (hostile) document can cause. */
  private static final int MAX_NODES = 200_000;

  private int nodes;

  private TemplateYaml() {}

  static Map<String, Object> parse(String text) {
    LoadSettings settings =
        LoadSettings.builder()
            .setMaxAliasesForCollections(20)
            .setAllowRecursiveKeys(false)
            .setCodePointLimit(1_000_000)
            .build();
    Node root;
    try {
      root = new Compose(settings).composeString(text).orElse(null);
    } catch (YamlEngineException e) {
      throw CfnException.templateFormat("YAML not well-formed. " + firstLine(e.getMessage()));
    }
    Object value = root == null ? null : new TemplateYaml().convert(root);
    if (!(value instanceof Map<?, ?>)) {
      throw CfnException.templateFormat("template must be a YAML or JSON object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) value;
    return map;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private Object convert(Node node) {
    if (++nodes > MAX_NODES) {
      throw CfnException.templateFormat("template is too large or too deeply aliased");
    }
    Object plain;
    if (node instanceof ScalarNode s) {
      plain = scalar(s);
    } else if (node instanceof SequenceNode seq) {
      List<Object> list = new ArrayList<>();
      seq.getValue().forEach(n -> list.add(convert(n)));
      plain = list;
    } else if (node instanceof MappingNode m) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (NodeTuple t : m.getValue()) {
        if (!(t.getKeyNode() instanceof ScalarNode key)) {
          throw CfnException.templateFormat("keys must be plain text");
        }
        if (map.containsKey(key.getValue())) {
          throw CfnException.templateFormat(
              "YAML not well-formed. duplicate key " + key.getValue());
        }
        map.put(key.getValue(), convert(t.getValueNode()));
      }
      plain = map;
    } else {
      throw CfnException.templateFormat("unsupported YAML node");
    }
    String tag = node.getTag().getValue();
    if (!tag.startsWith("!") || tag.startsWith("!!")) {
      return plain;
    }
    return shortForm(tag.substring(1), plain);
  }

  private static Object scalar(ScalarNode s) {
    String v = s.getValue();
    boolean plainStyle = s.isPlain();
    if (plainStyle && s.getTag().equals(Tag.NULL)
        || plainStyle && (v.isEmpty() || v.equals("~") || v.equals("null"))) {
      return null;
    }
    return v;
  }

  private static Object shortForm(String name, Object value) {
    return switch (name) {
      case "Ref" -> Map.of("Ref", value);
      case "Condition" -> Map.of("Condition", value);
      case "GetAtt" -> {
        if (value instanceof String s) {
          int dot = s.indexOf('.');
          if (dot < 0) {
            throw CfnException.templateFormat("Fn::GetAtt needs Resource.Attribute, got " + s);
          }
          yield Map.of("Fn::GetAtt", List.of(s.substring(0, dot), s.substring(dot + 1)));
        }
        yield Map.of("Fn::GetAtt", value);
      }
      case "Sub",
          "Join",
          "Select",
          "Split",
          "GetAZs",
          "If",
          "Equals",
          "Not",
          "And",
          "Or",
          "Base64",
          "FindInMap",
          "ImportValue",
          "Cidr" ->
          Map.of("Fn::" + name, value == null ? "" : value);
      default -> throw CfnException.templateFormat("unknown tag !" + name);
    };
  }
}
