import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';

/**
 * Small builders for OpenAPI schemas of the wire types in `libs/contracts`.
 * Those are interfaces, which neither Nest's decorators nor its CLI plugin
 * can read, so each schema is written out once, typed against its interface:
 * `model<Coding>({...})` must name every field of `Coding` and no other, so
 * the schema cannot drift from the type without the compiler noticing.
 */
export type Schema = SchemaObject | ReferenceObject;

/** Fields of T, each with its schema; `optional` lists the ones that may be absent. */
export function model<T extends object>(
  description: string,
  properties: { [K in keyof Required<T>]: Schema },
  optional: readonly (keyof T)[] = [],
): SchemaObject {
  const all = Object.keys(properties) as (keyof T & string)[];
  return {
    type: 'object',
    description,
    properties: properties,
    required: all.filter((key) => !optional.includes(key)),
  };
}

/** A schema registered under `name` in the document's components (see `WIRE_SCHEMAS`). */
export const ref = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });
export const list = (items: Schema, description?: string): SchemaObject => ({
  type: 'array',
  items,
  ...(description ? { description } : {}),
});
export const nullable = (schema: SchemaObject): SchemaObject => ({ ...schema, nullable: true });
export const nullableRef = (name: string): SchemaObject => ({ allOf: [ref(name)], nullable: true });

export const text = (description?: string): SchemaObject => ({
  type: 'string',
  ...(description ? { description } : {}),
});
export const id = (description?: string): SchemaObject => ({
  type: 'string',
  format: 'uuid',
  ...(description ? { description } : {}),
});
export const time = (description?: string): SchemaObject => ({
  type: 'string',
  format: 'date-time',
  ...(description ? { description } : {}),
});
export const integer = (description?: string): SchemaObject => ({
  type: 'integer',
  ...(description ? { description } : {}),
});
export const number = (description?: string): SchemaObject => ({
  type: 'number',
  ...(description ? { description } : {}),
});
export const flag = (description?: string): SchemaObject => ({
  type: 'boolean',
  ...(description ? { description } : {}),
});
export const oneOf = (values: readonly string[], description?: string): SchemaObject => ({
  type: 'string',
  enum: [...values],
  ...(description ? { description } : {}),
});
/** String keys to string values, e.g. document attributes. */
export const stringMap = (description?: string): SchemaObject => ({
  type: 'object',
  additionalProperties: { type: 'string' },
  ...(description ? { description } : {}),
});
/** An object whose shape this document does not spell out (see the type named in the description). */
export const loose = (description: string): SchemaObject => ({ type: 'object', description });
/** `{id, name}` of a person, both null once the account is erased. */
export const person: SchemaObject = {
  type: 'object',
  properties: { id: nullable(id()), name: nullable(text()) },
  required: ['id', 'name'],
};
