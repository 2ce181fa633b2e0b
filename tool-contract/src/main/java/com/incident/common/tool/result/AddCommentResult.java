package com.incident.common.tool.result;

import java.util.List;

/**
 * The structured result of github-add-comment.
 *
 * @param comments the URL of every comment posted, in order (more than one when the body was split)
 * @param titleOmittedChars always 0: a comment has no title (kept so every write reports the same bounds)
 * @param bodyOmittedChars characters cut from the end of the body (a Korean notice marks the cut)
 * @param parts how many comments the body was posted in
 * @param maxParts the most comments one call may post
 */
public record AddCommentResult(int issueNumber, List<String> comments, int titleOmittedChars, int bodyOmittedChars, int parts,
    int maxParts) {}
