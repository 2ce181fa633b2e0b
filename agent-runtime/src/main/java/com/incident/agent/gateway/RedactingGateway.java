package com.incident.agent.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.redact.Redactions;
import com.incident.common.tool.ToolNames;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The incident's redaction at the one boundary every tool result and every GitHub write crosses. Results are
 * redacted (text and every string of the structured content) before anything in the agent reads them: the
 * model, the rule-based analyzer, remediation and the logs. Arguments of GitHub writes are redacted before they
 * leave, as a second line behind the redacted evidence, for alarm text the runtime renders itself.
 */
public final class RedactingGateway implements Gateway {
  private static final Set<String> WRITES_FOR_PEOPLE = Set.of(ToolNames.GITHUB_CREATE_ISSUE,
      ToolNames.GITHUB_ADD_COMMENT, ToolNames.GITHUB_CLOSE_ISSUE, ToolNames.GITHUB_UPDATE_ISSUE);

  private final Gateway delegate;
  private final Redactions redactions;

  public RedactingGateway(Gateway delegate, Redactions redactions) {
    this.delegate = delegate;
    this.redactions = redactions;
  }

  @Override
  public List<GatewayTool> listTools() throws GatewayException {
    return delegate.listTools();
  }

  @Override
  public ToolOutcome call(String toolName, JsonNode arguments, Duration timeout) throws GatewayException {
    JsonNode sent = WRITES_FOR_PEOPLE.contains(toolName) ? redactions.redact(arguments) : arguments;
    ToolOutcome out = delegate.call(toolName, sent, timeout);
    return new ToolOutcome(redactions.redact(out.text()), redactions.redact(out.structured()), out.error());
  }
}
