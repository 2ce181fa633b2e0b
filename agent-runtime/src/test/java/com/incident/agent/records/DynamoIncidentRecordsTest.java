package com.incident.agent.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.common.incident.IncidentTable;
import com.incident.common.testing.DynamoDbLocal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The incident-table adapter against DynamoDB Local (in-process, real wire protocol, shared per JVM). */
class DynamoIncidentRecordsTest {
  private static final Instant NOW = Instant.parse("2026-11-21T03:15:20Z");

  private final DynamoDbLocal local = DynamoDbLocal.shared();
  private final String table = local.newIncidentTable();
  private final DynamoDbClient dynamo = local.client();
  private final DynamoIncidentRecords records = new DynamoIncidentRecords(dynamo, table, Duration.ofDays(7));

  @Test
  void aSessionCanBeClaimedOnlyOnce() {
    assertThat(records.claimSession("s-1", "inc-1", NOW)).isTrue();
    assertThat(records.claimSession("s-1", "inc-1", NOW)).isFalse();

    Map<String, AttributeValue> marker = item("SESSION#s-1");
    assertThat(marker.get(IncidentRecords.SESSION_STATE).s()).isEqualTo("ACCEPTED");
    assertThat(marker.get(IncidentTable.TTL).n()).isEqualTo(String.valueOf(NOW.plus(Duration.ofDays(7)).getEpochSecond()));
  }

  @Test
  void aSessionRunsOnceEvenWhenTheWorkerIsDeliveredAgain() {
    records.claimSession("s-2", "inc-1", NOW);

    assertThat(records.startSession("s-2", NOW)).isTrue();
    assertThat(records.startSession("s-2", NOW)).isFalse();
    records.finishSession("s-2", NOW);
    assertThat(records.startSession("s-2", NOW)).isFalse();
    assertThat(item("SESSION#s-2").get(IncidentRecords.SESSION_STATE).s()).isEqualTo("DONE");
  }

  @Test
  void aReleasedSessionCanBeClaimedAgain() {
    records.claimSession("s-3", "inc-1", NOW);
    records.releaseSession("s-3");

    assertThat(records.claimSession("s-3", "inc-1", NOW)).isTrue();
  }

  @Test
  void incidentAttributesRoundTripOnTopOfWhatAlarmTriggerWrote() {
    dynamo.putItem(b -> b.tableName(table).item(Map.of(
        IncidentTable.PK, AttributeValue.fromS(IncidentTable.incidentKey("inc-9")),
        IncidentTable.ALARM_NAME, AttributeValue.fromS("netaiops-cpu-spike"),
        IncidentTable.STATUS, AttributeValue.fromS(IncidentTable.STATUS_OPEN),
        IncidentTable.ALARM_AT, AttributeValue.fromN(String.valueOf(NOW.minusSeconds(60).getEpochSecond())),
        IncidentTable.OCCURRENCES, AttributeValue.fromN("2"))));

    records.update("inc-9", Map.of(IncidentTable.ISSUE_NUMBER, 101, IncidentTable.ISSUE_URL, "https://github.com/a/b/issues/101",
        IncidentTable.ISSUE_CREATED_AT, NOW, IncidentTable.STATUS, IncidentTable.STATUS_ANALYZING), NOW);

    IncidentRecord r = records.incident("inc-9").orElseThrow();
    assertThat(r.alarmName()).isEqualTo("netaiops-cpu-spike");
    assertThat(r.status()).isEqualTo(IncidentTable.STATUS_ANALYZING);
    assertThat(r.issueNumber()).isEqualTo(101);
    assertThat(r.issueCreatedAt()).isEqualTo(NOW);
    assertThat(r.alarmAt()).isEqualTo(NOW.minusSeconds(60));
    assertThat(r.occurrences()).isEqualTo(2);
    assertThat(item(IncidentTable.incidentKey("inc-9")).get(IncidentTable.UPDATED_AT).s()).isEqualTo(NOW.toString());
    assertThat(records.incident("missing")).isEmpty();
  }

  private Map<String, AttributeValue> item(String pk) {
    return dynamo.getItem(b -> b.tableName(table).key(Map.of(IncidentTable.PK, AttributeValue.fromS(pk)))).item();
  }
}
