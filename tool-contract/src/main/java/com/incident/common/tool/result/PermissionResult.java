package com.incident.common.tool.result;

/**
 * The structured result of github-get-permission: what GitHub says the login may do on the repository.
 *
 * @param permission GitHub's permission name: admin, maintain, write, triage, read or none
 * @param canWrite true for admin, maintain and write: the logins that may approve a remediation
 */
public record PermissionResult(String login, String permission, boolean canWrite) {}
