package com.incident.local.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/** The SNS event Lambda delivers for a CloudWatch alarm notification, with the alarm JSON as its Message. */
public final class SnsNotification {
  /** CloudWatch's own StateChangeTime format, e.g. 2026-11-21T03:15:12.345+0000. */
  public static final DateTimeFormatter STATE_CHANGE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ", Locale.ROOT).withZone(ZoneOffset.UTC);
  static final String TOPIC = "arn:aws:sns:us-west-2:123456789012:netaiops-incident-alarm-topic";

  private SnsNotification() {}

  /** {@code alarm} with its StateChangeTime set to {@code at}, wrapped as SNS delivers it. */
  public static ObjectNode event(ObjectNode alarm, Instant at, String messageId) {
    ObjectNode message = alarm.deepCopy().put("StateChangeTime", STATE_CHANGE_TIME.format(at));
    ObjectNode event = Json.object();
    ObjectNode record = event.putArray("Records").addObject().put("EventSource", "aws:sns").put("EventVersion", "1.0")
        .put("EventSubscriptionArn", TOPIC + ":" + UUID.randomUUID());
    record.putObject("Sns").put("Type", "Notification").put("MessageId", messageId).put("TopicArn", TOPIC)
        .put("Subject", message.path("NewStateValue").asText() + ": \"" + message.path("AlarmName").asText()
            + "\" in " + message.path("Region").asText("US West (Oregon)"))
        .put("Message", Json.write(message))
        .put("Timestamp", DateTimeFormatter.ISO_INSTANT.format(at))
        .put("SignatureVersion", "1").put("Signature", "bG9jYWwtc2FuZGJveA==")
        .put("SigningCertUrl", "https://sns.us-west-2.amazonaws.com/SimpleNotificationService-local.pem")
        .put("UnsubscribeUrl", "https://sns.us-west-2.amazonaws.com/?Action=Unsubscribe")
        .putObject("MessageAttributes");
    return event;
  }
}
