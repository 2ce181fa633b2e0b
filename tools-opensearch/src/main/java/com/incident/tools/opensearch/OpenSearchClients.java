package com.incident.tools.opensearch;

import java.net.URI;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.aws.AwsSdk2Transport;
import org.opensearch.client.transport.aws.AwsSdk2TransportOptions;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Builds the one transport per container. Amazon OpenSearch Service: {@link AwsSdk2Transport} signing with SigV4
 * over the AWS SDK's url-connection client (the SDK HTTP client every function already ships; AwsSdk2Transport
 * always speaks https). Anything else (local node, sandbox, self-managed cluster): opensearch-java's
 * {@code ApacheHttpClient5Transport}, whose httpclient5 is already a compile dependency of opensearch-java, so
 * plain HTTP costs no extra library.
 */
public final class OpenSearchClients {
  private OpenSearchClients() {}

  public static OpenSearchGenericClient generic(Config config) {
    return new OpenSearchGenericClient(transport(config));
  }

  static OpenSearchTransport transport(Config config) {
    URI uri = URI.create(config.endpoint());
    if (config.auth() == Config.AuthMode.SIGV4) {
      SdkHttpClient http = UrlConnectionHttpClient.builder()
          .connectionTimeout(config.timeout())
          .socketTimeout(config.timeout())
          .build();
      return sigV4(config, http, DefaultCredentialsProvider.builder().build());
    }
    try {
      Timeout timeout = Timeout.of(config.timeout());
      return ApacheHttpClient5TransportBuilder.builder(HttpHost.create(uri))
          .setRequestConfigCallback(rc -> rc.setResponseTimeout(timeout).setConnectionRequestTimeout(timeout))
          .setConnectionConfigCallback(cc -> cc.setConnectTimeout(timeout).setSocketTimeout(timeout))
          .build();
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("OPENSEARCH_ENDPOINT is not a valid URL: " + config.endpoint(), e);
    }
  }

  static OpenSearchTransport sigV4(Config config, SdkHttpClient http, AwsCredentialsProvider credentials) {
    URI uri = URI.create(config.endpoint());
    String host = uri.getPort() > 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
    return new AwsSdk2Transport(http, host, config.signingService(), Region.of(config.region()),
        AwsSdk2TransportOptions.builder().setCredentials(credentials).build());
  }

}
