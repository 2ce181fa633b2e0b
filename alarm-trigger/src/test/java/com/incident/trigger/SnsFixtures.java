package com.incident.trigger;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** SNS events: the shared files in events/ and small hand-built ones for state sequences. */
public final class SnsFixtures {
  private SnsFixtures() {}

  /** The repository's events/ directory, found by walking up from the working directory. */
  public static Path eventsDir() {
    for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("events"))) {
        return p.resolve("events");
      }
    }
    throw new IllegalStateException("No events/ directory above " + System.getProperty("user.dir"));
  }

  public static List<Path> snsEventFiles() {
    try (Stream<Path> files = Files.list(eventsDir())) {
      return files.filter(f -> f.getFileName().toString().matches("sns-.*\\.json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A metric alarm notification for a pod CPU alarm in the given state. */
  public static String alarmMessage(String alarmName, String newState, String oldState) {
    return """
        {"AlarmName":"%s","AlarmDescription":"ui pod CPU above 80%%","AWSAccountId":"123456789012",
         "NewStateValue":"%s","OldStateValue":"%s",
         "NewStateReason":"Threshold Crossed: 1 out of the last 1 datapoints [91.5 (21/11/26 03:14:00)] was greater than the threshold (80.0).",
         "StateChangeTime":"2026-11-21T03:15:12.000+0000","Region":"US West (Oregon)",
         "AlarmArn":"arn:aws:cloudwatch:us-west-2:123456789012:alarm:%s",
         "Trigger":{"MetricName":"pod_cpu_utilization","Namespace":"ContainerInsights","StatisticType":"Statistic",
          "Statistic":"AVERAGE","Unit":null,"Dimensions":[{"value":"netaiops-eks-cluster","name":"ClusterName"},
          {"value":"default","name":"Namespace"},{"value":"ui","name":"PodName"}],"Period":60,"EvaluationPeriods":3,
          "DatapointsToAlarm":3,"ComparisonOperator":"GreaterThanThreshold","Threshold":80.0}}
        """.formatted(alarmName, newState, oldState, alarmName);
  }

  /** A Lambda SNS event with one record per (messageId, message) pair. */
  public static String event(String... messageIdsAndMessages) {
    ObjectNode root = Json.object();
    ArrayNode records = root.putArray("Records");
    for (int i = 0; i < messageIdsAndMessages.length; i += 2) {
      ObjectNode r = records.addObject();
      r.put("EventSource", "aws:sns");
      r.put("EventVersion", "1.0");
      ObjectNode sns = r.putObject("Sns");
      sns.put("Type", "Notification");
      sns.put("MessageId", messageIdsAndMessages[i]);
      sns.put("TopicArn", "arn:aws:sns:us-west-2:123456789012:alarms");
      sns.put("Message", messageIdsAndMessages[i + 1]);
      sns.put("Timestamp", "2026-11-21T03:15:12.100Z");
    }
    return Json.write(root);
  }
}
