import { Injectable, type PipeTransform } from '@nestjs/common';
import { notFound } from './domain-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/**
 * A path id that is not a UUID names nothing that exists, so it gets the same
 * 404 as a missing or foreign one. It also keeps `undefined` and garbage away
 * from TypeORM, whose `findOneBy({ id: undefined })` matches any row.
 */
@Injectable()
export class ParseIdPipe implements PipeTransform<unknown, string> {
  constructor(private readonly what: string) {}

  transform(value: unknown): string {
    if (!isUuid(value)) throw notFound(this.what);
    return value.toLowerCase();
  }
}
