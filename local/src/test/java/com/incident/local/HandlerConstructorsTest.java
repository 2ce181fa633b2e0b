package com.incident.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * One way to build a function: the handler's no-arg constructor is what Lambda calls, and its only other constructor
 * takes exactly what its module's {@code Wiring.production(Config)} builds. Anything else (a constructor for the
 * sandbox, one taking an environment) is a second way that drifts from production.
 */
class HandlerConstructorsTest {

  @Test
  void everyHandlerHasTheLambdaConstructorAndOneTakingWhatItsWiringBuilds() throws Exception {
    SamTemplate template = SamTemplate.load(Repo.ROOT.resolve("template.yaml"), "us-west-2");
    Map<String, String> problems = new TreeMap<>();
    List<String> handlers = template.functions().keySet().stream()
        .map(id -> template.function(id).orElseThrow().handlerClass()).toList();
    assertThat(handlers).hasSize(10);
    for (String name : handlers) {
      Class<?> handler = Class.forName(name);
      Class<?> wired = productionType(handler);
      List<String> constructors = Arrays.stream(handler.getDeclaredConstructors()).map(HandlerConstructorsTest::describe)
          .sorted().toList();
      List<String> expected = List.of("public ()", "public (" + wired.getName() + ")");
      if (!constructors.equals(expected)) {
        problems.put(handler.getSimpleName(), "has " + constructors + ", expected " + expected);
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void theLocalRunnerBuildsEveryFunctionOfTheTemplate() throws Exception {
    SamTemplate template = SamTemplate.load(Repo.ROOT.resolve("template.yaml"), "us-west-2");

    assertThat(new TreeSet<>(LocalInvoker.FUNCTIONS.keySet())).containsExactlyElementsOf(new TreeSet<>(
        template.functions().keySet().stream().map(id -> template.function(id).orElseThrow().handlerClass()).toList()));
  }

  /** The return type of {@code Wiring.production(Config)} in the handler's package. */
  private static Class<?> productionType(Class<?> handler) throws ClassNotFoundException {
    String pkg = handler.getPackageName();
    Class<?> wiring = Class.forName(pkg + ".Wiring");
    Class<?> config = Class.forName(pkg + ".Config");
    Method production = Arrays.stream(wiring.getMethods())
        .filter(m -> m.getName().equals("production") && Modifier.isStatic(m.getModifiers())
            && Arrays.equals(m.getParameterTypes(), new Class<?>[] {config}))
        .findFirst().orElseThrow(() -> new AssertionError(wiring.getName() + " has no public production(Config)"));
    return production.getReturnType();
  }

  private static String describe(Constructor<?> c) {
    String access = Modifier.isPublic(c.getModifiers()) ? "public" : Modifier.isPrivate(c.getModifiers()) ? "private"
        : Modifier.isProtected(c.getModifiers()) ? "protected" : "package";
    return access + " (" + String.join(", ", Arrays.stream(c.getParameterTypes()).map(Class::getName).toList()) + ")";
  }
}
