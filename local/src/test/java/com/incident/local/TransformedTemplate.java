package com.incident.local;

import com.incident.common.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;

/**
 * template.yaml as CloudFormation deploys it: transformed by aws-sam-translator (the library behind the
 * AWS::Serverless transform and cfn-lint) under given parameters, then evaluated (conditions, Fn::If,
 * Fn::Sub, ...) by {@link SamTemplate}. References to resources evaluate to {@code "ref:LogicalId"} or
 * {@code "ref:LogicalId.Attribute"} unless the caller supplies values.
 */
final class TransformedTemplate {
  static final String REGION = "us-west-2";
  /** GitHubOwner and GitHubRepo have no default: `sam deploy --guided` always asks for them. */
  static final Map<String, String> REQUIRED = Map.of("GitHubOwner", "my-org", "GitHubRepo", "incidents");

  private static final Map<Map<String, String>, Map<String, Object>> CACHE = new HashMap<>();

  final SamTemplate cfn;

  private TransformedTemplate(SamTemplate cfn) {
    this.cfn = cfn;
  }

  /** Default parameters (plus the two required ones), resources as {@code ref:} tokens. */
  static TransformedTemplate defaults() {
    return with(Map.of());
  }

  static TransformedTemplate with(Map<String, String> overrides) {
    return with(overrides, id -> "ref:" + id);
  }

  static TransformedTemplate with(Map<String, String> overrides, Function<String, Object> resourceRef) {
    Map<String, String> params = new LinkedHashMap<>(REQUIRED);
    params.putAll(overrides);
    return new TransformedTemplate(SamTemplate.of(transform(params), REGION, params, resourceRef));
  }

  /** The evaluated properties of a resource present under these parameters. */
  Map<String, Object> properties(String logicalId) {
    Map<String, Object> resource = cfn.resources().get(logicalId);
    if (resource == null) {
      throw new AssertionError(logicalId + " is not in the transformed template under these parameters");
    }
    return SamTemplate.map(cfn.evaluate(resource.getOrDefault("Properties", Map.of())));
  }

  Map<String, Object> raw(String logicalId) {
    return cfn.resources().get(logicalId);
  }

  boolean has(String logicalId) {
    return cfn.resources().containsKey(logicalId);
  }

  /** Logical ids of the resources of {@code type}. */
  List<String> ofType(String type) {
    List<String> out = new ArrayList<>();
    cfn.resources().forEach((id, r) -> {
      if (type.equals(r.get("Type"))) {
        out.add(id);
      }
    });
    return out;
  }

  /** The Lambda function's environment as deployed (Globals merged in by the transform). */
  Map<String, Object> environment(String function) {
    return SamTemplate.map(SamTemplate.map(properties(function).get("Environment")).get("Variables"));
  }

  /** Every statement of the inline policies of {@code function}'s generated role. */
  List<Map<String, Object>> statements(String function) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object policy : list(properties(function + "Role").get("Policies"))) {
      for (Object s : list(SamTemplate.map(SamTemplate.map(policy).get("PolicyDocument")).get("Statement"))) {
        out.add(SamTemplate.map(s));
      }
    }
    return out;
  }

  List<String> managedPolicies(String function) {
    return list(properties(function + "Role").get("ManagedPolicyArns")).stream().map(String::valueOf).toList();
  }

  /** The statements of {@code function}'s role that allow an action of {@code service} (e.g. "ssm"). */
  List<Map<String, Object>> allowing(String function, String service) {
    return statements(function).stream().filter(s -> "Allow".equals(s.get("Effect")))
        .filter(s -> strings(s.get("Action")).stream().anyMatch(a -> a.startsWith(service + ":"))).toList();
  }

  static List<Object> list(Object o) {
    if (o == null) {
      return List.of();
    }
    return o instanceof List<?> l ? new ArrayList<>(l) : List.of(o);
  }

  static List<String> strings(Object o) {
    return list(o).stream().map(String::valueOf).toList();
  }

  @SuppressWarnings("unchecked")
  private static synchronized Map<String, Object> transform(Map<String, String> params) {
    return CACHE.computeIfAbsent(Map.copyOf(params), p -> {
      try {
        Path script = Path.of(TransformedTemplate.class.getResource("/sam-transform.py").toURI());
        Path out = Files.createTempFile("template-transformed-", ".json");
        Path err = Files.createTempFile("template-transform-", ".err");
        ProcessBuilder pb = new ProcessBuilder("python3", script.toString(),
            Repo.ROOT.resolve("template.yaml").toString(), Json.write(p))
            .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("AWS_DEFAULT_REGION", REGION);
        Process process;
        try {
          process = pb.start();
        } catch (IOException e) {
          Assumptions.abort("python3 not found: the SAM transform tests need python3 with aws-sam-translator");
          throw e;
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException("aws-sam-translator did not finish within 120 s");
        }
        if (process.exitValue() == 3) {
          System.err.println("SKIPPED (loudly): aws-sam-translator is not installed; template transform tests did not run");
          Assumptions.abort(Files.readString(err));
        }
        if (process.exitValue() != 0) {
          throw new AssertionError("SAM transform failed: " + Files.readString(err, StandardCharsets.UTF_8));
        }
        return (Map<String, Object>) Json.MAPPER.readValue(out.toFile(), Map.class);
      } catch (IOException | java.net.URISyntaxException e) {
        throw new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    });
  }
}
