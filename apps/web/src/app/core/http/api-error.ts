import { HttpErrorResponse } from '@angular/common/http';

/** HTTP status of a failed call; 0 when the server could not be reached. */
export function errorStatus(err: unknown): number {
  return err instanceof HttpErrorResponse ? err.status : 0;
}

/** Why the server refused, as a stable code, and the facts that go with it. */
export interface ErrorReason {
  reason: string;
  params: Record<string, unknown>;
}

/**
 * The server's `reason` (top level; older answers carry it only as
 * `details.reason`) and its `params` (else the rest of `details`). The
 * server's `message` is English for people reading the JSON and is never
 * shown: the client words the reason itself.
 */
export function errorReason(err: unknown): ErrorReason | null {
  if (!(err instanceof HttpErrorResponse)) return null;
  const body: unknown = err.error;
  if (!body || typeof body !== 'object') return null;
  const { reason, params, details } = body as { reason?: unknown; params?: unknown; details?: unknown };
  const detailsObject = details && typeof details === 'object' ? (details as Record<string, unknown>) : {};
  const code = typeof reason === 'string' ? reason : detailsObject['reason'];
  if (typeof code !== 'string' || !code) return null;
  const { reason: _ignored, ...facts } = detailsObject;
  const given = params && typeof params === 'object' ? (params as Record<string, unknown>) : facts;
  return { reason: code, params: given };
}

/** True when the server refused with this reason. */
export function hasReason(err: unknown, reason: string): boolean {
  return errorReason(err)?.reason === reason;
}

/**
 * Params as an ICU message can use them: numbers and strings as they are,
 * lists joined ("“A”, “B”") with their length beside them (`projectsCount`),
 * and a byte limit also in megabytes (`maxMegabytes`).
 */
export function messageParams(params: Record<string, unknown>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'string' || typeof value === 'number') out[name] = value;
    else if (Array.isArray(value)) {
      out[name] = value.map(listItem).filter(Boolean).join(', ');
      out[`${name}Count`] = value.length;
    }
  }
  if (typeof params['maxBytes'] === 'number') {
    out['maxMegabytes'] = Math.round((params['maxBytes'] / (1024 * 1024)) * 10) / 10;
  }
  return out;
}

function listItem(item: unknown): string {
  if (typeof item === 'string' || typeof item === 'number') return String(item);
  if (item && typeof item === 'object') {
    const named = item as { name?: unknown; field?: unknown };
    if (typeof named.name === 'string') return named.name;
    if (typeof named.field === 'string') return named.field;
  }
  return '';
}

/** The translation key of the generic message for a status, when there is no known reason. */
export function statusMessageKey(status: number): string {
  if (status === 0) return 'error.network';
  if (status === 403) return 'error.forbidden';
  if (status === 404) return 'error.notFound';
  if ([400, 401, 409, 413, 415, 429].includes(status)) return `httpStatus.${status}`;
  if (status >= 500) return 'httpStatus.5xx';
  return 'error.generic';
}
