import { describe, expect, it } from '@jest/globals';
import { SnakeNamingStrategy, snakeCase } from './snake-naming-strategy.js';

describe('SnakeNamingStrategy', () => {
  const strategy = new SnakeNamingStrategy();

  it('turns camelCase property names into snake_case columns', () => {
    expect(snakeCase('documentCreatedAt')).toBe('document_created_at');
    expect(snakeCase('id')).toBe('id');
    expect(snakeCase('userIDHash')).toBe('user_id_hash');
    expect(strategy.columnName('tokenVersion', undefined, [])).toBe('token_version');
  });

  it('keeps a name the entity gives itself', () => {
    expect(strategy.columnName('creator', 'created_by', [])).toBe('created_by');
  });

  it('prefixes the columns of an embedded entity', () => {
    expect(strategy.columnName('startAnchor', undefined, ['span'])).toBe('span_start_anchor');
  });

  it('names a relation column after the relation and the referenced key', () => {
    expect(strategy.joinColumnName('project', 'id')).toBe('project_id');
  });
});
