package com.incident.common.tool;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a component of a tool result record that may be absent. Every other reference component is listed as
 * {@code required} in the tool's published {@code outputSchema}, so a tool that leaves it out breaks its contract
 * test instead of silently blinding a consumer.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface Nullable {}
