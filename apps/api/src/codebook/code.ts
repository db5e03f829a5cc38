import type { Code } from '@tolk/contracts';
import type { CodeEntity } from './code.entity.js';

/** A stored code as the API and a project state show it. */
export const toCode = (c: CodeEntity): Code => ({
  id: c.id,
  name: c.name,
  color: c.color,
  description: c.description,
  parentId: c.parentId,
  version: c.version,
  shortcut: c.shortcut,
  whenToUse: c.whenToUse,
  whenNotToUse: c.whenNotToUse,
  exampleCodingId: c.exampleCodingId,
  exampleQuote: c.exampleQuote,
});

/** A code with whether it was retired and where it went (history lists name merged and deleted codes). */
export const toCodeWithRetirement = (c: CodeEntity): Code => ({
  ...toCode(c),
  retired: c.retiredAt !== null,
  mergedIntoId: c.mergedIntoId,
});
