package com.incident.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.common.incident.IncidentTable;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbLocalTest {
  @Test
  void servesTheIncidentTableLayoutOnLoopbackOverHttp() {
    DynamoDbLocal ddb = DynamoDbLocal.shared();
    String table = ddb.newIncidentTable();

    ddb.client().putItem(b -> b.tableName(table).item(Map.of(
        IncidentTable.PK, AttributeValue.fromS("ALARM#a"),
        IncidentTable.TTL, AttributeValue.fromN("4102444800"))));

    assertThat(ddb.endpoint().getHost()).isEqualTo("127.0.0.1");
    assertThat(ddb.client().getItem(b -> b.tableName(table)
        .key(Map.of(IncidentTable.PK, AttributeValue.fromS("ALARM#a")))).item()).containsKey(IncidentTable.TTL);
    assertThat(ddb.client().describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription().timeToLiveStatusAsString())
        .as("expiry off, so fixed-clock tests keep their items").isEqualTo("DISABLED");
    assertThat(DynamoDbLocal.shared()).isSameAs(ddb);
  }

  @Test
  void clientsWithOtherCredentialsAndRegionsSeeTheSameTables() {
    DynamoDbLocal ddb = DynamoDbLocal.shared();
    String table = ddb.newIncidentTable();

    try (DynamoDbClient other = DynamoDbClient.builder().endpointOverride(ddb.endpoint()).region(Region.EU_WEST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("someone", "else")))
        .httpClient(UrlConnectionHttpClient.create()).build()) {
      assertThat(other.listTables().tableNames()).contains(table);
    }
  }
}
