package com.incident.common.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.common.testing.DynamoDbLocal;
import org.junit.jupiter.api.Test;

class IncidentTableTest {

  @Test
  void testTablesAreCreatedWithTheProductionPartitionKey() {
    assertThat(DynamoDbLocal.INCIDENT_TABLE_KEY).isEqualTo(IncidentTable.PK);
  }

  @Test
  void testTablesHaveTheProductionIssueIndex() {
    assertThat(DynamoDbLocal.ISSUE_INDEX).isEqualTo(IncidentTable.ISSUE_INDEX);
    assertThat(DynamoDbLocal.ISSUE_INDEX_KEY).isEqualTo(IncidentTable.ISSUE_NUMBER);
  }
}
