package com.incident.common.testing;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.lang.reflect.Field;
import java.net.URI;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * DynamoDB Local, in-process, started once per test JVM on 127.0.0.1 and a free port, reached over its
 * real HTTP wire protocol by a real SDK v2 client. Consumers need {@code com.amazonaws:DynamoDBLocal} and
 * {@code software.amazon.awssdk:dynamodb} on their test classpath.
 *
 * <pre>{@code
 * DynamoDbLocal ddb = DynamoDbLocal.shared();
 * String table = ddb.newIncidentTable();   // a fresh, empty table per test class or test
 * DynamoDbClient client = ddb.client();
 * }</pre>
 */
public final class DynamoDbLocal {
  /** The incident table\'s partition key; incident-store\'s tests check it is {@code IncidentTable.PK}. */
  public static final String INCIDENT_TABLE_KEY = "pk";
  /** The issue-number index and its key, as template.yaml declares them ({@code IncidentTable.ISSUE_INDEX}). */
  public static final String ISSUE_INDEX = "issueNumber-index";
  public static final String ISSUE_INDEX_KEY = "issueNumber";
  private static volatile DynamoDbLocal shared;

  private final URI endpoint;
  private final DynamoDbClient client;
  private final Set<String> tables = ConcurrentHashMap.newKeySet();

  private DynamoDbLocal(URI endpoint) {
    this.endpoint = endpoint;
    this.client = DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        // DynamoDB Local accepts any credentials; fixed ones keep the SDK from probing the environment.
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** The JVM-wide instance; the server stops with the JVM. */
  public static DynamoDbLocal shared() {
    DynamoDbLocal local = shared;
    if (local == null) {
      synchronized (DynamoDbLocal.class) {
        local = shared;
        if (local == null) {
          local = start();
          shared = local;
        }
      }
    }
    return local;
  }

  private static DynamoDbLocal start() {
    try {
      DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
          // The CLI rejects port 0; the connector below is switched to an ephemeral port before start.
          // -sharedDb: one database for every access key and region, so code under test that builds its own
          // client from the environment sees the tables a test created through client().
          new String[] {"-inMemory", "-sharedDb", "-disableTelemetry", "-port", "8000"});
      ServerConnector connector = loopbackConnector(server);
      // Never stopped: the database is in memory and ends with the JVM; stopping Jetty and SQLite in a shutdown hook
      // only added work to every exit.
      server.start();
      return new DynamoDbLocal(URI.create("http://127.0.0.1:" + connector.getLocalPort()));
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local failed to start: " + e, e);
    }
  }

  // DynamoDB Local has no bind-address option and Jetty's Server(int) listens on every interface;
  // tests must only ever listen on loopback, so the connector is narrowed before start.
  private static ServerConnector loopbackConnector(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
    Field f = DynamoDBProxyServer.class.getDeclaredField("server");
    f.setAccessible(true);
    Server jetty = (Server) f.get(proxy);
    ServerConnector connector = (ServerConnector) jetty.getConnectors()[0];
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    return connector;
  }

  public URI endpoint() {
    return endpoint;
  }

  /** A client configured for this server (url-connection HTTP client, static credentials). */
  public DynamoDbClient client() {
    return client;
  }

  /** Creates a new, uniquely named incident table; tests that need isolation take one each. */
  public String newIncidentTable() {
    String name = "incidents-" + UUID.randomUUID();
    createIncidentTable(name);
    return name;
  }

  /**
   * Creates the incident table (one string partition key {@link #INCIDENT_TABLE_KEY}, as {@code IncidentTable.PK},
   * and the keys-only issue-number index {@link #ISSUE_INDEX}) if it does not exist yet.
   */
  public void createIncidentTable(String name) {
    if (tables.contains(name)) {
      return;
    }
    try {
      client.createTable(b -> b.tableName(name)
          .billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(
              AttributeDefinition.builder().attributeName(INCIDENT_TABLE_KEY).attributeType(ScalarAttributeType.S).build(),
              AttributeDefinition.builder().attributeName(ISSUE_INDEX_KEY).attributeType(ScalarAttributeType.N).build())
          .keySchema(KeySchemaElement.builder().attributeName(INCIDENT_TABLE_KEY).keyType(KeyType.HASH).build())
          .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(ISSUE_INDEX)
              .keySchema(KeySchemaElement.builder().attributeName(ISSUE_INDEX_KEY).keyType(KeyType.HASH).build())
              .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build()).build()));
      // TTL expiry stays off: tests run on fixed clocks in the past, and DynamoDB Local's sweeper deletes items
      // whose TTL lies before the machine's real date in the middle of a test. TTL is clean-up only: real DynamoDB
      // deletes expired items eventually, so no code path may depend on an expired item being gone.
    } catch (ResourceInUseException alreadyThere) {
      // Another test created it first; the layout is the same.
    }
    tables.add(name);
  }
}
