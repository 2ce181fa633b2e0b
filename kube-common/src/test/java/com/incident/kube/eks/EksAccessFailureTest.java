package com.incident.kube.eks;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.incident.common.aws.SignedAwsClient;
import com.incident.common.testing.MotoServer;
import com.incident.common.tool.ToolException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** eks:DescribeCluster that gets no answer: the tool error says what is missing, in one sentence. */
class EksAccessFailureTest {
  @Test
  void withoutCredentialsTheErrorSaysSo() throws IOException {
    SignedAwsClient eks = client(AwsCredentialsProviderChain.of(EnvironmentVariableCredentialsProvider.create(),
        SystemPropertyCredentialsProvider.create()));

    assertThatThrownBy(() -> EksKubernetesClients.describe(eks, "netaiops-eks-cluster", "us-west-2"))
        .isInstanceOf(ToolException.class)
        .hasMessage("Could not reach the EKS API for cluster netaiops-eks-cluster in us-west-2: no AWS credentials were "
            + "found (environment variables, ~/.aws profile, SSO or the function's IAM role); nothing was changed");
  }

  @Test
  void anEndpointThatRefusesSaysSo() throws IOException {
    SignedAwsClient eks = client(MotoServer.CREDENTIALS);

    assertThatThrownBy(() -> EksKubernetesClients.describe(eks, "netaiops-eks-cluster", "us-west-2"))
        .hasMessage("Could not reach the EKS API for cluster netaiops-eks-cluster in us-west-2: the endpoint refused "
            + "the connection; nothing was changed");
  }

  private static SignedAwsClient client(AwsCredentialsProvider credentials) throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    return SignedAwsClient.of(SignedAwsClient.Service.EKS, UrlConnectionHttpClient.create(), credentials,
        MotoServer.REGION, URI.create("http://127.0.0.1:" + closed));
  }
}
