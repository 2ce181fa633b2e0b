package com.incident.tools.chaos.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * How to reverse one action: a command, and the state it needs (the images or replicas the object had,
 * or the deleted object's manifest, with secret-looking values redacted).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Undo(String how, Map<String, String> previousImages, Integer previousReplicas, Map<String, Object> manifest) {}
