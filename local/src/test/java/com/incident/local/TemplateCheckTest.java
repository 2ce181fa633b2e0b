package com.incident.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** template.yaml and the code must agree: what SAM builds and runs is what the modules contain. */
class TemplateCheckTest {
  private static final Pattern ENV_READ =
      Pattern.compile("\\.(?:required|optional|intValue|flag|list|httpUrl)\\(\\s*\"([A-Z][A-Z0-9_]+)\"");
  private static final Pattern MAKE_TARGET = Pattern.compile("(?m)^build-(\\w+):\\s*\\n\\t\\$\\(call lambda_jar,([\\w-]+)\\)");
  private static final Pattern MODULE = Pattern.compile("<module>([\\w-]+)</module>");
  /** Variables read by libraries and the runtime rather than by our Env reads. */
  private static final Set<String> LIBRARY_VARS = Set.of("LOG_LEVEL", "JAVA_TOOL_OPTIONS", "POWERTOOLS_SERVICE_NAME",
      "POWERTOOLS_METRICS_NAMESPACE");
  /** Set by the Lambda runtime itself; the template may not set them (reserved). */
  private static final Set<String> RUNTIME_VARS = Set.of("AWS_REGION", "AWS_LAMBDA_FUNCTION_NAME");

  private final Map<String, Object> template = load();
  private final Map<String, String> functionModules = makefileTargets();

  @Test
  void everyFunctionIsBuiltFromAModuleByTheMakefile() {
    Map<String, Map<String, Object>> functions = functions();
    assertThat(functions).isNotEmpty();
    functions.forEach((id, fn) -> {
      assertThat(SamTemplate.map(fn.get("Metadata")).get("BuildMethod")).as(id).isEqualTo("makefile");
      assertThat(SamTemplate.map(fn.get("Properties")).get("CodeUri")).as(id).isEqualTo(".");
      assertThat(functionModules).as("Makefile target build-" + id).containsKey(id);
      assertThat(Repo.ROOT.resolve(functionModules.get(id)).resolve("pom.xml")).as(id).isRegularFile();
    });
  }

  @Test
  void everyHandlerIsAStreamHandlerInItsOwnModule() throws Exception {
    for (Map.Entry<String, Map<String, Object>> e : functions().entrySet()) {
      String handler = String.valueOf(SamTemplate.map(e.getValue().get("Properties")).get("Handler"));
      assertThat(handler).as(e.getKey()).endsWith("::handleRequest");
      String className = handler.substring(0, handler.indexOf("::"));
      Path source = Repo.ROOT.resolve(functionModules.get(e.getKey())).resolve("src/main/java")
          .resolve(className.replace('.', '/') + ".java");
      assertThat(source).as("handler source of " + e.getKey()).isRegularFile();
      Class<?> type = Class.forName(className);
      assertThat(RequestStreamHandler.class.isAssignableFrom(type)).as(className).isTrue();
      // Its other constructor is checked by HandlerConstructorsTest.
      assertThat(type.getConstructor()).as("public no-arg constructor of " + className).isNotNull();
    }
  }

  @Test
  void everyFunctionModuleHasExactlyOneFunction() throws IOException {
    List<String> shaded = new ArrayList<>();
    for (String module : modules()) {
      if (!module.equals("local") && Files.readString(Repo.ROOT.resolve(module).resolve("pom.xml")).contains("maven-shade-plugin")) {
        shaded.add(module);
      }
    }
    assertThat(functionModules.values()).containsExactlyInAnyOrderElementsOf(shaded);
  }

  @Test
  void everyVariableTheCodeReadsIsSetForItsFunction() throws IOException {
    Map<String, Set<String>> commonReads = new HashMap<>();
    for (Path library : librarySources()) {
      commonReads.putAll(reads(library));
    }
    commonReads = withNamedLibraryClasses(commonReads);
    Set<String> globals = variables(SamTemplate.map(SamTemplate.map(template.get("Globals")).get("Function"))).keySet();
    for (Map.Entry<String, Map<String, Object>> e : functions().entrySet()) {
      Path moduleSources = Repo.ROOT.resolve(functionModules.get(e.getKey())).resolve("src/main/java");
      Set<String> needed = new TreeSet<>();
      reads(moduleSources).values().forEach(needed::addAll);
      String moduleText = allText(moduleSources);
      commonReads.forEach((commonClass, vars) -> {
        if (Pattern.compile("\\b" + commonClass + "\\b").matcher(moduleText).find()) {
          needed.addAll(vars);
        }
      });
      needed.removeAll(RUNTIME_VARS);
      Set<String> set = new HashSet<>(globals);
      set.addAll(variables(SamTemplate.map(e.getValue().get("Properties"))).keySet());
      assertThat(set).as("environment of " + e.getKey() + " in template.yaml").containsAll(needed);
    }
  }

  @Test
  void everyVariableTheTemplateSetsIsReadByTheCode() throws IOException {
    Set<String> readAnywhere = new HashSet<>(LIBRARY_VARS);
    for (String module : new TreeSet<>(functionModules.values())) {
      reads(Repo.ROOT.resolve(module).resolve("src/main/java")).values().forEach(readAnywhere::addAll);
    }
    for (Path library : librarySources()) {
      reads(library).values().forEach(readAnywhere::addAll);
    }
    functions().forEach((id, fn) ->
        assertThat(readAnywhere).as("variables of " + id + " that no code reads")
            .containsAll(variables(SamTemplate.map(fn.get("Properties"))).keySet()));
  }

  private static List<String> modules() throws IOException {
    return MODULE.matcher(Files.readString(Repo.ROOT.resolve("pom.xml"))).results().map(m -> m.group(1)).toList();
  }

  /** Main sources of the shared library modules (common*, tool-contract, incident-store) that functions link in. */
  private List<Path> librarySources() throws IOException {
    List<Path> out = new ArrayList<>();
    for (String module : modules()) {
      Path sources = Repo.ROOT.resolve(module).resolve("src/main/java");
      if (!functionModules.containsValue(module) && !module.equals("local") && !module.equals("testkit")
          && !module.equals("fixtures") && Files.isDirectory(sources)) {
        out.add(sources);
      }
    }
    return out;
  }

  private Map<String, Map<String, Object>> functions() {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    SamTemplate.map(template.get("Resources")).forEach((id, r) -> {
      if ("AWS::Serverless::Function".equals(SamTemplate.map(r).get("Type"))) {
        out.put(id, SamTemplate.map(r));
      }
    });
    return out;
  }

  private static Map<String, Object> variables(Map<String, Object> props) {
    return SamTemplate.map(SamTemplate.map(props.get("Environment")).get("Variables"));
  }

  /** Env variable names read per source file (keyed by class simple name). */
  private static Map<String, Set<String>> reads(Path sources) throws IOException {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    if (!Files.isDirectory(sources)) {
      return out;
    }
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = ENV_READ.matcher(Files.readString(f));
        Set<String> vars = new TreeSet<>();
        while (m.find()) {
          vars.add(m.group(1));
        }
        if (!vars.isEmpty()) {
          out.put(f.getFileName().toString().replace(".java", ""), vars);
        }
      }
    }
    return out;
  }

  /**
   * A library class that names another one also reads that one's variables: AgentClientSettings reads COGNITO_*
   * through ClientCredentialsTokens, and a function that names only AgentClientSettings still needs them.
   */
  private Map<String, Set<String>> withNamedLibraryClasses(Map<String, Set<String>> direct) throws IOException {
    Map<String, String> texts = new HashMap<>();
    for (Path library : librarySources()) {
      try (Stream<Path> files = Files.walk(library)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          texts.put(f.getFileName().toString().replace(".java", ""), Files.readString(f));
        }
      }
    }
    Map<String, Set<String>> all = new HashMap<>();
    direct.forEach((c, vars) -> all.put(c, new TreeSet<>(vars)));
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Map.Entry<String, Set<String>> e : all.entrySet()) {
        String text = texts.getOrDefault(e.getKey(), "");
        for (Map.Entry<String, Set<String>> other : direct.entrySet()) {
          if (Pattern.compile("\\b" + other.getKey() + "\\b").matcher(text).find()) {
            grew |= e.getValue().addAll(all.get(other.getKey()));
          }
        }
      }
    }
    return all;
  }

  private static String allText(Path sources) throws IOException {
    StringBuilder sb = new StringBuilder();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        sb.append(Files.readString(f)).append('\n');
      }
    }
    return sb.toString();
  }

  private static Map<String, Object> load() {
    try (Reader r = Files.newBufferedReader(Repo.ROOT.resolve("template.yaml"))) {
      return SamTemplate.parse(r);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> makefileTargets() {
    try {
      Map<String, String> out = new LinkedHashMap<>();
      MAKE_TARGET.matcher(Files.readString(Repo.ROOT.resolve("Makefile"))).results().forEach(m -> out.put(m.group(1), m.group(2)));
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
