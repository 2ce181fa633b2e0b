package com.incident.agent.records;

import com.incident.common.incident.AnalysisMode;
import com.incident.common.incident.IncidentTable;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The incident table in memory: the local runner without DynamoDB, and workflow tests. */
public final class InMemoryIncidentRecords implements IncidentRecords {
  private final Map<String, Map<String, Object>> items = new ConcurrentHashMap<>();

  @Override
  public boolean claimSession(String sessionId, String incidentId, Instant now) {
    Map<String, Object> marker = new HashMap<>();
    marker.put(SESSION_STATE, SessionState.ACCEPTED.name());
    marker.put(IncidentTable.INCIDENT_ID, incidentId);
    return items.putIfAbsent(SESSION_PREFIX + sessionId, marker) == null;
  }

  @Override
  public boolean startSession(String sessionId, Instant now) {
    Map<String, Object> marker = items.get(SESSION_PREFIX + sessionId);
    if (marker == null) {
      return items.putIfAbsent(SESSION_PREFIX + sessionId,
          new HashMap<>(Map.of(SESSION_STATE, SessionState.RUNNING.name()))) == null;
    }
    synchronized (marker) {
      if (!SessionState.ACCEPTED.name().equals(marker.get(SESSION_STATE))) {
        return false;
      }
      marker.put(SESSION_STATE, SessionState.RUNNING.name());
      return true;
    }
  }

  @Override
  public void finishSession(String sessionId, Instant now) {
    items.computeIfAbsent(SESSION_PREFIX + sessionId, k -> new HashMap<>()).put(SESSION_STATE, SessionState.DONE.name());
  }

  @Override
  public void releaseSession(String sessionId) {
    items.remove(SESSION_PREFIX + sessionId);
  }

  @Override
  public boolean claimIncident(String incidentId, AnalysisMode mode, String sessionId, Instant now) {
    String attribute = IncidentRecords.claimAttribute(mode);
    if (attribute == null) {
      return true;
    }
    Map<String, Object> item = items.computeIfAbsent(IncidentTable.incidentKey(incidentId), k -> new HashMap<>());
    synchronized (item) {
      Object holder = item.get(attribute);
      if (holder == null || (sessionId.equals(item.get(IncidentTable.SESSION_ID)) && !sessionId.equals(holder))) {
        item.put(attribute, sessionId);
        return true;
      }
      return false;
    }
  }

  @Override
  public void releaseIncident(String incidentId, AnalysisMode mode, String sessionId) {
    String attribute = IncidentRecords.claimAttribute(mode);
    Map<String, Object> item = items.get(IncidentTable.incidentKey(incidentId));
    if (attribute != null && item != null) {
      synchronized (item) {
        item.remove(attribute, sessionId);
      }
    }
  }

  @Override
  public Optional<IncidentRecord> incident(String incidentId) {
    Map<String, Object> item = items.get(IncidentTable.incidentKey(incidentId));
    if (item == null) {
      return Optional.empty();
    }
    synchronized (item) {
      return Optional.of(new IncidentRecord(incidentId, (String) item.get(IncidentTable.ALARM_NAME),
          (String) item.get(IncidentTable.STATUS), integer(item.get(IncidentTable.ISSUE_NUMBER)),
          (String) item.get(IncidentTable.ISSUE_URL), instant(item.get(IncidentTable.ALARM_AT)),
          instant(item.get(IncidentTable.ISSUE_CREATED_AT)), integer(item.get(IncidentTable.OCCURRENCES)),
          (String) item.get(EVIDENCE_SIGNALS)));
    }
  }

  @Override
  public void update(String incidentId, Map<String, Object> attributes, Instant now) {
    Map<String, Object> item = items.computeIfAbsent(IncidentTable.incidentKey(incidentId), k -> new HashMap<>());
    synchronized (item) {
      item.putAll(attributes);
      item.put(IncidentTable.UPDATED_AT, now);
    }
  }

  /** A raw attribute, for tests and the local runner's status page. */
  public Object attribute(String incidentId, String name) {
    Map<String, Object> item = items.get(IncidentTable.incidentKey(incidentId));
    return item == null ? null : item.get(name);
  }

  private static Integer integer(Object v) {
    return v instanceof Number n ? n.intValue() : null;
  }

  private static Instant instant(Object v) {
    return v instanceof Instant i ? i : v instanceof String s ? Instant.parse(s) : null;
  }
}
