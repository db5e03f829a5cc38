import { may, type Permission, type Project } from '@tolk/contracts';

/** The caller's place in a project, as far as permissions go. */
export type ProjectAccessView = Pick<Project, 'role' | 'settings'>;

/**
 * What the interface offers: the role × permission table in
 * `@tolk/contracts`, the one the server enforces, read with the project's
 * settings. Nothing is offered before the project has loaded. Only a
 * convenience: the server checks every request, so a stale answer here costs
 * the user an error message, never data.
 */
export function allows(project: ProjectAccessView | null | undefined, permission: Permission): boolean {
  return project != null && may(project.role, permission, project.settings);
}
