package com.incident.store;

/** Lifecycle of agent-runtime's session marker ({@code SESSION#<sessionId>}). */
public enum SessionState { ACCEPTED, RUNNING, DONE }
