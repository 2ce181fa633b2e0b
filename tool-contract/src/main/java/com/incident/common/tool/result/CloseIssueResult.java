package com.incident.common.tool.result;

import com.incident.common.tool.Nullable;

/**
 * The structured result of github-close-issue.
 *
 * @param stateReason GitHub's state_reason (completed, not_planned, ...), absent when GitHub gives none
 * @param commented whether this call posted the closing comment (false when there was none or it would repeat the last one)
 */
public record CloseIssueResult(int issueNumber, IssueState state, @Nullable String stateReason, boolean commented, String url) {}
