import type { QueryDistance, QueryExpression } from '@tolk/contracts';

/** How a step joins its code to everything above it. */
export const JOINERS = ['and', 'andNot', 'or', 'followedBy', 'near'] as const;
export type Joiner = (typeof JOINERS)[number];

/** One row of the builder under the first code: «… AND NOT Relasjon», «… NEAR Tillit within 200 characters». */
export interface BuilderStep {
  joiner: Joiner;
  codeId: string;
  /** For `near` and `followedBy`: characters apart, or the same turn of speech. */
  within: QueryDistance;
}

/**
 * The builder's query, read from the top down: the first code, then each
 * step applied to everything above it ((A AND B) OR C …). Every expression
 * it makes can be read back into rows (`builderOf`), so a saved query opens
 * in the builder again.
 */
export interface BuilderQuery {
  first: string;
  steps: BuilderStep[];
}

/** The most rows a builder query has (the api allows 12 levels; flattened and/or stay shallow). */
export const MAX_STEPS = 10;

const leaf = (codeId: string): QueryExpression => ({ codeId });

/** The api's expression for the rows, or null while a row has no code yet. */
export function expressionOf(query: BuilderQuery): QueryExpression | null {
  if (!query.first || query.steps.some((s) => !s.codeId)) return null;
  let acc = leaf(query.first);
  for (const step of query.steps) {
    const operand = leaf(step.codeId);
    switch (step.joiner) {
      case 'and':
      case 'andNot': {
        const part = step.joiner === 'and' ? operand : { not: operand };
        acc = 'and' in acc ? { and: [...acc.and, part] } : { and: [acc, part] };
        break;
      }
      case 'or':
        acc = 'or' in acc ? { or: [...acc.or, operand] } : { or: [acc, operand] };
        break;
      case 'near':
        acc = { near: [acc, operand], within: step.within };
        break;
      case 'followedBy':
        acc = { followedBy: [acc, operand], within: step.within };
    }
  }
  return acc;
}

function leafId(e: QueryExpression): string | null {
  if ('codeId' in e) return e.codeId;
  if ('code' in e) return e.code;
  return null;
}

/** The rows for an expression, or null when it is not of the builder's shape (made through the api). */
export function builderOf(expression: QueryExpression): BuilderQuery | null {
  const id = leafId(expression);
  if (id !== null) return { first: id, steps: [] };
  if ('and' in expression || 'or' in expression) {
    const list = 'and' in expression ? expression.and : expression.or;
    const head = list[0] ? builderOf(list[0]) : null;
    if (!head) return null;
    const steps = [...head.steps];
    for (const part of list.slice(1)) {
      const negated = 'not' in part && 'and' in expression;
      const codeId = leafId('not' in part ? part.not : part);
      if ('not' in part && !negated) return null;
      if (codeId === null) return null;
      steps.push({ joiner: 'or' in expression ? 'or' : negated ? 'andNot' : 'and', codeId, within: 'turn' });
    }
    return { first: head.first, steps };
  }
  if ('near' in expression || 'followedBy' in expression) {
    const [a, b] = 'near' in expression ? expression.near : expression.followedBy;
    const head = builderOf(a);
    const codeId = leafId(b);
    if (!head || codeId === null) return null;
    const joiner: Joiner = 'near' in expression ? 'near' : 'followedBy';
    return { first: head.first, steps: [...head.steps, { joiner, codeId, within: expression.within ?? 'turn' }] };
  }
  return null;
}

/**
 * The query in words, with brackets where the reading order matters:
 * «(Tillit AND Relasjon) AND NOT Spørsmål». `word` words a joiner (and its distance).
 */
export function describe(query: BuilderQuery, name: (codeId: string) => string, word: (step: BuilderStep) => string) {
  let text = name(query.first);
  query.steps.forEach((step, i) => {
    text = `${i > 0 && !sameGroup(query.steps[i - 1], step) ? `(${text})` : text} ${word(step)} ${name(step.codeId)}`;
  });
  return text;
}

/** Whether two steps in a row flatten into one and/or list (no brackets needed between them). */
function sameGroup(before: BuilderStep, step: BuilderStep): boolean {
  const and = (j: Joiner) => j === 'and' || j === 'andNot';
  return (and(before.joiner) && and(step.joiner)) || (before.joiner === 'or' && step.joiner === 'or');
}
