package com.incident.tools.insight.core;

import java.util.Map;

/** What a group of series describes (a pod, a node, a namespace, the cluster) and its exact dimension set. */
record Subject(String kind, String name, Map<String, String> dimensions) {}
