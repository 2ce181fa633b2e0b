package com.incident.tools.insight.core;

import com.incident.common.tool.result.InsightRow;
import java.util.Map;

/** What a group of series describes (a pod, a node, a namespace, the cluster) and its exact dimension set. */
record Subject(InsightRow.Kind kind, String name, Map<String, String> dimensions) {}
