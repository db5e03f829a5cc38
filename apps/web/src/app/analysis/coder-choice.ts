import type { Member, ProjectRole, ProjectSettings } from '@tolk/contracts';
import { seesOnlyOwnCodings } from '@tolk/contracts';

/**
 * «Kodet av» (coded by): whose codings an analysis view, chart or export
 * counts. `mine` and `person:<userId>` count one person's; `side` shows
 * everyone who codes side by side (a column, series or chart each);
 * `merged` counts everyone's codings as their union per code, so a
 * passage two people coded counts once (the api's `merge=union`).
 */
export type CoderChoice = 'mine' | 'side' | 'merged' | `person:${string}`;

/** What one request of a view asks the api for: `coder` ids and/or the union. */
export interface CoderParams {
  coder?: string[];
  merge?: boolean;
}

/** One request of a view, with the column heading it gets (`null`: the view has one column). */
export interface CoderColumn {
  key: string;
  label: string | null;
  params: CoderParams;
}

/** The members whose codings can be counted: everyone but viewers, in the members' order. */
export function codingMembers(members: readonly Member[]): Member[] {
  return members.filter((m) => m.role !== 'viewer');
}

/**
 * The choices a person has: with blind coding on, someone who sees only
 * their own codings (`seesOnlyOwnCodings`, the server's rule) gets `mine`
 * alone, since any other choice would count nothing they may see.
 */
export function coderChoices(
  role: ProjectRole,
  settings: Pick<ProjectSettings, 'blindCoding' | 'supervisorCanEditText'>,
  me: string,
  members: readonly Member[],
): CoderChoice[] {
  if (seesOnlyOwnCodings(role, settings)) return ['mine'];
  const others = codingMembers(members).filter((m) => m.userId !== me);
  return ['merged', 'side', 'mine', ...others.map((m) => `person:${m.userId}` as const)];
}

/**
 * The default that does not mislead: with blind coding on, the owner sees
 * her own and the others' side by side (a union would hide who coded what
 * before the codings are revealed), others their own; without it, everyone
 * merged (no passage counted twice).
 */
export function defaultCoderChoice(
  role: ProjectRole,
  settings: Pick<ProjectSettings, 'blindCoding' | 'supervisorCanEditText'>,
): CoderChoice {
  if (seesOnlyOwnCodings(role, settings)) return 'mine';
  return settings.blindCoding ? 'side' : 'merged';
}

/** The requests a view makes for a choice: one, or one per coding member side by side. */
export function coderColumns(choice: CoderChoice, me: string, members: readonly Member[]): CoderColumn[] {
  if (choice === 'mine') return [{ key: me, label: null, params: { coder: [me] } }];
  if (choice === 'merged') return [{ key: 'merged', label: null, params: { merge: true } }];
  if (choice === 'side')
    return codingMembers(members).map((m) => ({ key: m.userId, label: m.name, params: { coder: [m.userId] } }));
  const id = choice.slice('person:'.length);
  return [{ key: id, label: null, params: { coder: [id] } }];
}

/**
 * What an export asks for: one person's codings, or everyone's (merged as
 * the union, or each coding its own row naming its coder when side by side).
 */
export function exportParams(choice: CoderChoice, me: string): CoderParams {
  if (choice === 'mine') return { coder: [me] };
  if (choice === 'merged') return { merge: true };
  if (choice === 'side') return {};
  return { coder: [choice.slice('person:'.length)] };
}
