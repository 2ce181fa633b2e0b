package com.incident.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.config.Env;
import com.incident.common.json.Json;
import com.incident.common.lambda.LocalContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * `sam deploy` with nothing but the two required parameters must work: with SnapStart every function's init
 * runs when its version is published, so a handler that cannot start from the environment the template gives
 * it under the DEFAULT parameters rolls the whole stack back. Each handler is constructed here from exactly
 * that environment (taken from the transformed template, Globals merged, deployed-resource references given
 * deployed-looking values, plus what the Lambda runtime sets), and every tool target answers tools/list.
 */
class TemplateDefaultsInitTest {
  private static final String ACCOUNT = SamTemplate.ACCOUNT_ID;
  private static final String REGION = TransformedTemplate.REGION;
  private static final List<String> SDK_PROPERTIES = List.of("aws.region", "aws.accessKeyId", "aws.secretAccessKey");

  private final Map<String, String> savedProperties = new LinkedHashMap<>();

  @BeforeEach
  void lambdaLikeSdkDefaults() {
    // The Lambda runtime provides region and credentials; init must not need more than that from AWS.
    Map<String, String> lambda = Map.of("aws.region", REGION, "aws.accessKeyId", "AKIDINITTEST", "aws.secretAccessKey", "init-test");
    for (String p : SDK_PROPERTIES) {
      savedProperties.put(p, System.getProperty(p));
      System.setProperty(p, lambda.get(p));
    }
  }

  @AfterEach
  void restore() {
    savedProperties.forEach((p, v) -> {
      if (v == null) {
        System.clearProperty(p);
      } else {
        System.setProperty(p, v);
      }
    });
  }

  @Test
  void everyFunctionInitialisesFromItsDefaultParameterEnvironmentAndEveryToolTargetListsItsTools() throws Exception {
    TransformedTemplate t = TransformedTemplate.with(Map.of(), TemplateDefaultsInitTest::deployedValue);
    byte[] toolsList = Files.readAllBytes(Repo.ROOT.resolve("events/tool-list.json"));
    Map<String, String> failures = new TreeMap<>();
    List<String> functions = t.ofType("AWS::Lambda::Function");
    assertThat(functions).hasSize(10);
    for (String function : functions) {
      Map<String, Object> props = t.properties(function);
      String handlerClass = String.valueOf(props.get("Handler")).split("::")[0];
      Map<String, String> env = new LinkedHashMap<>();
      t.environment(function).forEach((k, v) -> env.put(k, String.valueOf(v)));
      env.put("AWS_REGION", REGION);
      env.put("AWS_LAMBDA_FUNCTION_NAME", function);
      RequestStreamHandler handler;
      try {
        handler = LocalInvoker.instantiate(handlerClass, Env.of(env));
      } catch (RuntimeException e) {
        failures.put(function, "init failed: " + e);
        continue;
      }
      if (!String.valueOf(props.get("Handler")).contains(".tools.")) {
        continue;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try {
        handler.handleRequest(new ByteArrayInputStream(toolsList), out,
            new LocalContext(function, 60, 1024, new PrintStream(new ByteArrayOutputStream())));
        JsonNode tools = Json.tree(out.toString()).path("tools");
        if (!tools.isArray()) {
          failures.put(function, "tools/list answered " + out);
        } else if (function.equals("OpenSearchToolFunction") && !tools.isEmpty()) {
          // OpenSearchEndpoint defaults to empty: no log source, so no log tools (the gateway does not route it either).
          failures.put(function, "lists log tools without a log source: " + tools);
        }
      } catch (RuntimeException e) {
        failures.put(function, "tools/list threw " + e);
      }
    }
    assertThat(failures).as("functions that would fail the SnapStart version publish under default parameters").isEmpty();
  }

  /** What CloudFormation would put where the template refers to a resource of the stack. */
  private static Object deployedValue(String ref) {
    if (ref.endsWith(".FunctionUrl")) {
      return "https://" + ref.substring(0, ref.indexOf('.')).toLowerCase() + ".lambda-url." + REGION + ".on.aws/";
    }
    if (ref.endsWith("Aliaslive")) {
      String function = ref.substring(0, ref.length() - "Aliaslive".length());
      return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:incident-analysis-" + function + ":live";
    }
    if (ref.endsWith(".Arn")) {
      return "arn:aws:iam::" + ACCOUNT + ":role/incident-analysis-" + ref.substring(0, ref.indexOf('.'));
    }
    return switch (ref) {
      case "UserPool" -> REGION + "_AbCdEfGhI";
      case "UserPoolDomain" -> "incident-" + ACCOUNT;
      case "M2MClient" -> "4example0client0id0000000";
      default -> "incident-analysis-" + ref;
    };
  }
}
