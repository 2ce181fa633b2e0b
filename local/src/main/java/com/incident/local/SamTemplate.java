package com.incident.local;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
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

  /** What {@code Ref: AWS::NoValue} evaluates to: the enclosing property or list item is dropped. */
  public static final Object NO_VALUE = new Object() {
    @Override
    public String toString() {
      return "AWS::NoValue";
    }
  };

  private final Map<String, Object> root;
  private final String region;
  private final Map<String, String> parameters;
  private final Function<String, Object> resourceRef;
  private final Map<String, Boolean> conditions = new HashMap<>();

  private SamTemplate(Map<String, Object> root, String region, Map<String, String> parameters,
      Function<String, Object> resourceRef) {
    this.root = root;
    this.region = region;
    this.parameters = Map.copyOf(parameters);
    this.resourceRef = resourceRef;
  }

  /** The template under its default parameters; values that refer to deployed resources stay unresolved. */
  public static SamTemplate load(Path file, String region) throws IOException {
    return load(file, region, Map.of());
  }

  /** The template with {@code parameters} overriding defaults, as {@code sam deploy --parameter-overrides}. */
  public static SamTemplate load(Path file, String region, Map<String, String> parameters) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return new SamTemplate(parse(r), region, parameters, name -> null);
    }
  }

  /**
   * Any CloudFormation template (e.g. SAM's transformed output) whose references to resources evaluate to
   * {@code resourceRef.apply("LogicalId")} or {@code resourceRef.apply("LogicalId.Attribute")}.
   */
  public static SamTemplate of(Map<String, Object> root, String region, Map<String, String> parameters,
      Function<String, Object> resourceRef) {
    return new SamTemplate(root, region, parameters, resourceRef);
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

  /** Resolves a template value to a string, or null when it depends on a deployed resource or is AWS::NoValue. */
  String resolve(Object value) {
    Object v = evaluate(value);
    if (v == null || v == NO_VALUE) {
      return null;
    }
    if (v instanceof List<?> l) {
      return String.join(",", l.stream().map(String::valueOf).toList());
    }
    return v instanceof Map<?, ?> ? null : String.valueOf(v);
  }

  /** Whether the named entry of the template's Conditions section holds under these parameters. */
  public boolean condition(String name) {
    Boolean known = conditions.get(name);
    if (known == null) {
      Object definition = map(root.get("Conditions")).get(name);
      if (definition == null) {
        throw new IllegalArgumentException("no condition " + name + " in the template");
      }
      known = Boolean.TRUE.equals(evaluate(definition));
      conditions.put(name, known);
    }
    return known;
  }

  /** Resources present under these parameters (those whose Condition is false are left out). */
  public Map<String, Map<String, Object>> resources() {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    map(root.get("Resources")).forEach((id, res) -> {
      Map<String, Object> r = map(res);
      if (!(r.get("Condition") instanceof String c) || condition(c)) {
        out.put(id, r);
      }
    });
    return out;
  }

  /**
   * Evaluates intrinsic functions: strings, lists (NoValue items dropped) and maps (NoValue entries dropped);
   * null when the value depends on something this evaluator cannot know.
   */
  public Object evaluate(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value);
    }
    if (value instanceof List<?> items) {
      List<Object> out = new ArrayList<>();
      for (Object item : items) {
        Object v = evaluate(item);
        if (v == null) {
          return null;
        }
        if (v != NO_VALUE) {
          out.add(v);
        }
      }
      return out;
    }
    if (value instanceof Map<?, ?> m) {
      if (m.size() == 1) {
        String key = String.valueOf(m.keySet().iterator().next());
        if (key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::")) {
          return intrinsic(key, m.values().iterator().next());
        }
      }
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        Object v = evaluate(e.getValue());
        if (v == null) {
          return null;
        }
        if (v != NO_VALUE) {
          out.put(String.valueOf(e.getKey()), v);
        }
      }
      return out;
    }
    return null;
  }

  private Object intrinsic(String fn, Object arg) {
    List<?> args = arg instanceof List<?> l ? l : List.of();
    switch (fn) {
      case "Ref":
        return ref(String.valueOf(arg));
      case "Condition":
        return condition(String.valueOf(arg));
      case "Fn::GetAtt":
        return args.size() == 2 ? resourceRef.apply(args.get(0) + "." + args.get(1))
            : resourceRef.apply(String.valueOf(arg));
      case "Fn::Sub":
        return sub(arg);
      case "Fn::Join": {
        Object items = args.size() == 2 ? evaluate(args.get(1)) : null;
        if (!(items instanceof List<?> parts)) {
          return null;
        }
        return String.join(String.valueOf(args.get(0)), parts.stream().map(String::valueOf).toList());
      }
      case "Fn::Select": {
        Object list = args.size() == 2 ? evaluate(args.get(1)) : null;
        Object index = args.size() == 2 ? evaluate(args.get(0)) : null;
        if (!(list instanceof List<?> items) || index == null) {
          return null;
        }
        int i = Integer.parseInt(String.valueOf(index));
        if (i < 0 || i >= items.size()) {
          throw new IllegalStateException("Fn::Select index " + i + " out of range for " + items);
        }
        return items.get(i);
      }
      case "Fn::Split": {
        Object source = args.size() == 2 ? evaluate(args.get(1)) : null;
        if (source == null) {
          return null;
        }
        return List.of(String.valueOf(source).split(Pattern.quote(String.valueOf(args.get(0))), -1));
      }
      case "Fn::If": {
        if (args.size() != 3) {
          return null;
        }
        return evaluate(condition(String.valueOf(args.get(0))) ? args.get(1) : args.get(2));
      }
      case "Fn::Equals": {
        Object a = args.size() == 2 ? evaluate(args.get(0)) : null;
        Object b = args.size() == 2 ? evaluate(args.get(1)) : null;
        return a == null || b == null ? null : String.valueOf(a).equals(String.valueOf(b));
      }
      case "Fn::Not":
        return args.size() == 1 && evaluate(args.get(0)) instanceof Boolean b ? !b : null;
      case "Fn::And":
      case "Fn::Or": {
        boolean and = fn.equals("Fn::And");
        boolean result = and;
        for (Object a : args) {
          if (!(evaluate(a) instanceof Boolean b)) {
            return null;
          }
          result = and ? result && b : result || b;
        }
        return result;
      }
      default:
        return null;
    }
  }

  private Object ref(String name) {
    switch (name) {
      case "AWS::Region":
        return region;
      case "AWS::AccountId":
        return ACCOUNT_ID;
      case "AWS::StackName":
        return STACK_NAME;
      case "AWS::Partition":
        return "aws";
      case "AWS::NoValue":
        return NO_VALUE;
      default:
        Map<String, Object> param = map(map(root.get("Parameters")).get(name));
        if (param.isEmpty()) {
          return resourceRef.apply(name);
        }
        String value;
        if (parameters.containsKey(name)) {
          value = parameters.get(name);
        } else if (param.containsKey("Default")) {
          Object d = param.get("Default");
          value = d instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList()) : String.valueOf(d);
        } else {
          return null;
        }
        return String.valueOf(param.get("Type")).startsWith("CommaDelimitedList")
            ? List.of(value.split(",", -1)) : value;
    }
  }

  private static final Pattern SUB_VAR = Pattern.compile("\\$\\{([^}!]+)}");

  private String sub(Object arg) {
    String text;
    Map<String, Object> vars = new LinkedHashMap<>();
    if (arg instanceof List<?> l && l.size() == 2) {
      text = String.valueOf(l.get(0));
      for (Map.Entry<String, Object> e : map(l.get(1)).entrySet()) {
        vars.put(e.getKey(), evaluate(e.getValue()));
      }
    } else {
      text = String.valueOf(arg);
    }
    Matcher m = SUB_VAR.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      Object v = vars.containsKey(name) ? vars.get(name)
          : name.contains(".") && !name.startsWith("AWS::") ? resourceRef.apply(name) : ref(name);
      if (v == null || v == NO_VALUE) {
        return null;
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(String.valueOf(v)));
    }
    m.appendTail(sb);
    return sb.toString();
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
