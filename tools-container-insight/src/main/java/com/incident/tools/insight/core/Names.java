package com.incident.tools.insight.core;

import com.incident.common.tool.ToolArguments;
import com.incident.common.tool.ToolException;
import com.incident.tools.insight.Config;
import java.util.Optional;
import java.util.regex.Pattern;

/** Argument patterns: EKS cluster names and Kubernetes object names. */
final class Names {
  static final String CLUSTER = "^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$";
  static final String NAMESPACE = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$";
  static final String OBJECT = "^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$";

  private static final Pattern CLUSTER_P = Pattern.compile(CLUSTER);
  private static final Pattern NAMESPACE_P = Pattern.compile(NAMESPACE);
  private static final Pattern OBJECT_P = Pattern.compile(OBJECT);

  /** How many pods or nodes to detail when none is named: the caller's top_n or the configured default. */
  static int topN(ToolArguments args, Config config) {
    int topN = args.integer("top_n", config.topN());
    if (topN < 1 || topN > Config.MAX_TOP_N) {
      throw new ToolException("Argument 'top_n' must be between 1 and " + Config.MAX_TOP_N + ", got " + topN);
    }
    return topN;
  }

  static String cluster(ToolArguments args) {
    String v = args.string("cluster_name");
    if (!CLUSTER_P.matcher(v).matches()) {
      throw new ToolException("Argument 'cluster_name' must be an EKS cluster name (letters, digits, '-' and '_', "
          + "starting with a letter or digit, at most 100 characters), got '" + v + "'");
    }
    return v;
  }

  static Optional<String> namespace(ToolArguments args, String field) {
    return args.optionalString(field).map(v -> {
      if (!NAMESPACE_P.matcher(v).matches()) {
        throw new ToolException("Argument '" + field + "' must be a Kubernetes namespace name (lowercase letters, digits, '-'), got '" + v + "'");
      }
      return v;
    });
  }

  static Optional<String> object(ToolArguments args, String field) {
    return args.optionalString(field).map(v -> {
      if (!OBJECT_P.matcher(v).matches()) {
        throw new ToolException("Argument '" + field + "' must be a Kubernetes object name (lowercase letters, digits, '-', '.'), got '" + v + "'");
      }
      return v;
    });
  }

  private Names() {}
}
