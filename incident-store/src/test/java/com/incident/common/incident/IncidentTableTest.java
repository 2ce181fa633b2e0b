package com.incident.common.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.common.testing.DynamoDbLocal;
import org.junit.jupiter.api.Test;

class IncidentTableTest {

  @Test
  void testTablesAreCreatedWithTheProductionPartitionKey() {
    assertThat(DynamoDbLocal.INCIDENT_TABLE_KEY).isEqualTo(IncidentTable.PK);
  }
}
