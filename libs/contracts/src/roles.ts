/** The four per-project roles (docs/api.md, "Who may do what"). */
export const PROJECT_ROLES = ['owner', 'supervisor', 'coder', 'viewer'] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];

export function isProjectRole(value: unknown): value is ProjectRole {
  return typeof value === 'string' && (PROJECT_ROLES as readonly string[]).includes(value);
}
