package com.incident.kube.eks;

import com.incident.common.config.Env;
import java.time.Duration;

/**
 * Where the EKS cluster is. The cluster may live in another region than the function (the design runs
 * the tools in us-east-1 against a cluster in us-west-2).
 */
public record EksConfig(String clusterName, String region, Duration connectTimeout, Duration requestTimeout) {

  public static EksConfig from(Env env) {
    return new EksConfig(
        env.required("EKS_CLUSTER_NAME"),
        env.optional("EKS_REGION", env.optional("AWS_REGION", "us-west-2")),
        Duration.ofSeconds(env.intValue("K8S_CONNECT_TIMEOUT_SECONDS", 5)),
        Duration.ofSeconds(env.intValue("K8S_REQUEST_TIMEOUT_SECONDS", 15)));
  }
}
