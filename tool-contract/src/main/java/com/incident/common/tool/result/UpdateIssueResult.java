package com.incident.common.tool.result;

import com.incident.common.tool.Nullable;
import java.util.List;

/**
 * The structured result of github-update-issue.
 *
 * @param bodyUpdated whether the body was replaced (false when none was given or it was unchanged)
 * @param bodyOmittedChars characters cut from the end of the new body (a Korean notice marks the cut)
 * @param labels the issue's labels after the call
 * @param commentUrl the URL of the edited comment, absent when no comment was edited
 */
public record UpdateIssueResult(int issueNumber, boolean bodyUpdated, int bodyOmittedChars, List<String> labels,
    @Nullable String commentUrl, String url) {}
