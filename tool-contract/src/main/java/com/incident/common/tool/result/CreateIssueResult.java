package com.incident.common.tool.result;

import com.incident.common.tool.Nullable;
import java.util.List;

/**
 * The structured result of github-create-issue: the issue that now tracks the incident, new or found by its dedup key.
 *
 * <p>The size fields say what one call left out to stay within GitHub's bounds; they are absent when nothing was
 * posted because the issue already existed.
 *
 * @param created false when an open issue already carried the dedup key (nothing was posted)
 * @param closedDuplicate the issue this call created and closed because another container won the dedup race
 * @param titleOmittedChars characters cut from the title to fit GitHub's 256
 * @param bodyOmittedChars characters cut from the end of the body (a Korean notice marks the cut)
 * @param parts how many parts the body was posted in (the issue body plus continuation comments)
 * @param maxParts the most parts one call may post
 */
public record CreateIssueResult(
    int issueNumber,
    String url,
    boolean created,
    List<String> labels,
    @Nullable Integer closedDuplicate,
    @Nullable Integer titleOmittedChars,
    @Nullable Integer bodyOmittedChars,
    @Nullable Integer parts,
    @Nullable Integer maxParts) {

  /** Whether GitHub's bounds cut the title or the body. */
  public boolean wasCut() {
    return positive(titleOmittedChars) || positive(bodyOmittedChars);
  }

  private static boolean positive(Integer n) {
    return n != null && n > 0;
  }
}
