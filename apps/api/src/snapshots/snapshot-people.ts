import type { Comment, ProjectStateMemo, ProjectStateUser } from '@tolk/contracts';
import type { UsersRepository } from '../auth/users.repository.js';
import type { Tx } from '../database/transactions.js';

/**
 * Snapshots are immutable, people's accounts are not: a snapshot keeps user
 * ids only, and names (and emails) are looked up when it is read. An erased
 * account then leaves nothing personal behind in the snapshots, and a renamed
 * one changes no blob (so renaming costs no copy either).
 */
export const withoutNames = {
  comment: (c: Comment): Comment => ({
    ...c,
    author: { id: c.author.id, name: null },
    resolvedBy: c.resolvedBy ? { id: c.resolvedBy.id, name: null } : null,
  }),
  memo: (m: ProjectStateMemo): ProjectStateMemo => ({
    ...m,
    updatedBy: m.updatedBy ? { id: m.updatedBy.id, name: null } : null,
  }),
};

/** The people with these ids who still have an account. */
export async function lookUpPeople(
  users: UsersRepository,
  ids: Iterable<string | null>,
  tx?: Tx,
): Promise<Map<string, ProjectStateUser>> {
  const people = await users.people(
    [...ids].filter((id): id is string => id !== null),
    tx,
  );
  return new Map(people.map((u) => [u.id, { id: u.id, name: u.name, email: u.email }]));
}

export const withNames = (people: Map<string, ProjectStateUser>) => {
  const person = (p: { id: string | null }) => ({ id: p.id, name: p.id ? (people.get(p.id)?.name ?? null) : null });
  return {
    comment: (c: Comment): Comment => ({
      ...c,
      author: person(c.author),
      resolvedBy: c.resolvedBy ? person(c.resolvedBy) : null,
    }),
    memo: (m: ProjectStateMemo): ProjectStateMemo => ({ ...m, updatedBy: m.updatedBy ? person(m.updatedBy) : null }),
  };
};

/** Every user id a comment names. */
export const commentPeople = (c: Comment) => [c.author.id, c.resolvedBy?.id ?? null];
