package com.incident.local;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The parts of template.yaml the local runner needs: each function's handler, timeout and environment, with
 * intrinsic functions resolved the way {@code sam local invoke} does where they only involve parameters and
 * pseudo parameters. Values that point at deployed resources stay unresolved and must come from --env-vars.
 */
public final class SamTemplate {
  public static final String ACCOUNT_ID = "123456789012";
  public static final String STACK_NAME = "incident-local";

  /** One function as the runner needs it; {@code unresolved} lists env vars that refer to deployed resources. */
  public record FunctionSpec(String logicalId, String handlerClass, String handlerMethod, int timeoutSeconds,
      int memoryMb, Map<String, String> environment, List<String> unresolved) {}

  private final Map<String, Object> root;
  private final String region;

  private SamTemplate(Map<String, Object> root, String region) {
    this.root = root;
    this.region = region;
  }

  public static SamTemplate load(Path file, String region) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return new SamTemplate(parse(r), region);
    }
  }

  /** Parses CloudFormation YAML, turning short-form tags into their long form ({@code !Ref X} -> {Ref: X}). */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parse(Reader reader) {
    return (Map<String, Object>) new Yaml(new CfnConstructor()).load(reader);
  }

  public Map<String, Object> raw() {
    return root;
  }

  public Map<String, Map<String, Object>> functions() {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    map(root.get("Resources")).forEach((id, res) -> {
      Map<String, Object> r = map(res);
      if ("AWS::Serverless::Function".equals(r.get("Type"))) {
        out.put(id, r);
      }
    });
    return out;
  }

  public Optional<FunctionSpec> function(String logicalId) {
    Map<String, Object> resource = functions().get(logicalId);
    if (resource == null) {
      return Optional.empty();
    }
    Map<String, Object> props = map(resource.get("Properties"));
    Map<String, Object> globals = map(map(root.get("Globals")).get("Function"));
    String handler = String.valueOf(props.get("Handler"));
    String[] parts = handler.split("::", 2);
    Map<String, String> env = new LinkedHashMap<>();
    List<String> unresolved = new ArrayList<>();
    for (Map<String, Object> vars : List.of(variables(globals), variables(props))) {
      vars.forEach((name, value) -> {
        String v = resolve(value);
        if (v == null) {
          env.remove(name);
          unresolved.add(name);
        } else {
          env.put(name, v);
          unresolved.remove(name);
        }
      });
    }
    int timeout = intValue(props.getOrDefault("Timeout", globals.getOrDefault("Timeout", 3)));
    int memory = intValue(props.getOrDefault("MemorySize", globals.getOrDefault("MemorySize", 128)));
    return Optional.of(new FunctionSpec(logicalId, parts[0], parts.length > 1 ? parts[1] : "handleRequest",
        timeout, memory, env, unresolved));
  }

  private static Map<String, Object> variables(Map<String, Object> props) {
    return map(map(props.get("Environment")).get("Variables"));
  }

  /** Resolves a template value to a string, or null when it depends on a deployed resource. */
  String resolve(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value);
    }
    if (value instanceof Map<?, ?> m && m.size() == 1) {
      Map.Entry<?, ?> e = m.entrySet().iterator().next();
      String fn = String.valueOf(e.getKey());
      Object arg = e.getValue();
      switch (fn) {
        case "Ref":
          return ref(String.valueOf(arg));
        case "Fn::Sub":
          return sub(arg);
        case "Fn::Join":
          return join(arg);
        default:
          return null;
      }
    }
    return null;
  }

  private String ref(String name) {
    switch (name) {
      case "AWS::Region":
        return region;
      case "AWS::AccountId":
        return ACCOUNT_ID;
      case "AWS::StackName":
        return STACK_NAME;
      case "AWS::Partition":
        return "aws";
      default:
        Map<String, Object> param = map(map(root.get("Parameters")).get(name));
        if (param.isEmpty() || !param.containsKey("Default")) {
          return null;
        }
        Object d = param.get("Default");
        return d instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList()) : String.valueOf(d);
    }
  }

  private static final Pattern SUB_VAR = Pattern.compile("\\$\\{([^}!]+)}");

  private String sub(Object arg) {
    String text;
    Map<String, String> vars = new LinkedHashMap<>();
    if (arg instanceof List<?> l && l.size() == 2) {
      text = String.valueOf(l.get(0));
      for (Map.Entry<String, Object> e : map(l.get(1)).entrySet()) {
        vars.put(e.getKey(), resolve(e.getValue()));
      }
    } else {
      text = String.valueOf(arg);
    }
    Matcher m = SUB_VAR.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String v = vars.containsKey(name) ? vars.get(name) : name.contains(".") ? null : ref(name);
      if (v == null) {
        return null;
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(v));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private String join(Object arg) {
    if (!(arg instanceof List<?> l) || l.size() != 2 || !(l.get(1) instanceof List<?> items)) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    for (Object item : items) {
      String v = resolve(item);
      if (v == null) {
        return null;
      }
      parts.add(v);
    }
    return String.join(String.valueOf(l.get(0)), parts);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static int intValue(Object o) {
    if (o instanceof Number n) {
      return n.intValue();
    }
    try {
      return Integer.parseInt(String.valueOf(o));
    } catch (NumberFormatException e) {
      return 3; // an intrinsic (e.g. !Ref) timeout: Lambda's default
    }
  }

  /** SnakeYAML constructor that understands CloudFormation's short-form intrinsic function tags. */
  private static final class CfnConstructor extends SafeConstructor {
    CfnConstructor() {
      super(new LoaderOptions());
      this.yamlMultiConstructors.put("!", new AbstractConstruct() {
        @Override
        public Object construct(Node node) {
          String tag = node.getTag().getValue().substring(1);
          String fn = tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
          Object value;
          if (node instanceof ScalarNode s) {
            value = tag.equals("GetAtt") ? List.of(s.getValue().split("\\.", 2)) : s.getValue();
          } else if (node instanceof SequenceNode s) {
            value = constructSequence(s);
          } else {
            value = constructMapping((MappingNode) node);
          }
          return Map.of(fn, value);
        }
      });
    }
  }
}
