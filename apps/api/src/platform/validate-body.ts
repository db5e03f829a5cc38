import type { Type } from '@nestjs/common';
import { createValidationPipe } from './validation.pipe.js';

const pipe = createValidationPipe();

/**
 * Validates a body against a DTO class the way `@Body()` would, for routes
 * that accept two body shapes (JSON or multipart) and pick one at run time.
 */
export async function validateBody<T extends object>(dto: Type<T>, body: unknown): Promise<T> {
  return (await pipe.transform(body ?? {}, { type: 'body', metatype: dto })) as T;
}
