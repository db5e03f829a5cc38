import { describe, expect, it } from '@jest/globals';
// Angular's packages are partially compiled; outside the CLI the JIT compiler finishes them.
import '@angular/compiler';
import { HttpErrorResponse } from '@angular/common/http';
import { errorReason, hasReason, messageParams, statusMessageKey } from './api-error';

const refusal = (status: number, error: unknown) => new HttpErrorResponse({ status, error });

describe('errorReason', () => {
  it('reads the top-level reason and its params, never the English message', () => {
    const err = refusal(409, {
      statusCode: 409,
      message: 'A code named "Hope" already exists here',
      reason: 'duplicate_name',
      params: { name: 'Hope' },
      details: { reason: 'duplicate_name', name: 'Hope' },
    });
    expect(errorReason(err)).toEqual({ reason: 'duplicate_name', params: { name: 'Hope' } });
    expect(hasReason(err, 'duplicate_name')).toBe(true);
    expect(hasReason(err, 'stale_version')).toBe(false);
  });

  it('falls back to details.reason and the other details as params (older answers)', () => {
    const err = refusal(409, { message: 'stale', details: { reason: 'stale_version', version: 7 } });
    expect(errorReason(err)).toEqual({ reason: 'stale_version', params: { version: 7 } });
  });

  it('has none for a body without a reason, a network failure or a non-HTTP error', () => {
    expect(errorReason(refusal(400, { message: ['name must be a string'] }))).toBeNull();
    expect(errorReason(refusal(0, null))).toBeNull();
    expect(errorReason(new Error('boom'))).toBeNull();
  });
});

describe('messageParams', () => {
  it('keeps numbers and strings, joins lists with their count, and adds megabytes to a byte limit', () => {
    expect(
      messageParams({
        name: 'Hope',
        codings: 3,
        projects: [
          { id: 'a', name: 'Thesis' },
          { id: 'b', name: 'Pilot' },
        ],
        accepted: ['.txt', '.docx'],
        maxBytes: 10 * 1024 * 1024,
        nested: { ignored: true },
      }),
    ).toEqual({
      name: 'Hope',
      codings: 3,
      projects: 'Thesis, Pilot',
      projectsCount: 2,
      accepted: '.txt, .docx',
      acceptedCount: 2,
      maxBytes: 10 * 1024 * 1024,
      maxMegabytes: 10,
    });
  });
});

describe('statusMessageKey', () => {
  it('names a generic message per status', () => {
    expect(statusMessageKey(0)).toBe('error.network');
    expect(statusMessageKey(403)).toBe('error.forbidden');
    expect(statusMessageKey(404)).toBe('error.notFound');
    expect(statusMessageKey(409)).toBe('httpStatus.409');
    expect(statusMessageKey(413)).toBe('httpStatus.413');
    expect(statusMessageKey(503)).toBe('httpStatus.5xx');
    expect(statusMessageKey(418)).toBe('error.generic');
  });
});
