import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ERROR_REASON_LIST, ERROR_REASONS } from '@tolk/contracts';
import { readFile } from 'node:fs/promises';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Keeps docs/api.md true: every route the server describes in its OpenAPI
 * document is listed there, every route listed there exists, and what the
 * page calls "not yet implemented" really is not (once it is, it moves up).
 */
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
/** A table row that documents a route starts with it in backticks: | `GET /api/…` | … */
const ROUTE_ROW = /^\|\s*`(GET|POST|PUT|PATCH|DELETE) (\/[^`\s?]+)/;
const NOT_YET = '## Not yet implemented';
/** Served beside the api, not by its controllers: the OpenAPI UI and document themselves. */
const OUTSIDE_OPENAPI = new Set(['GET /api/docs', 'GET /api/docs-json']);

interface Operation {
  responses: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
}
interface OpenApi {
  paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  components: { schemas: Record<string, unknown> };
}
/** Routes that never succeed or never answer with a body of their own: redirects, and refusals (snapshots are immutable). */
const WITHOUT_2XX = new Set([
  'GET /api/auth/oidc/start',
  'GET /api/auth/oidc/callback',
  'PUT /api/snapshots/{snapshotId}',
  'PATCH /api/snapshots/{snapshotId}',
  'DELETE /api/snapshots/{snapshotId}',
  'PUT /api/snapshots/{snapshotId}/documents/{documentId}',
  'PATCH /api/snapshots/{snapshotId}/documents/{documentId}',
  'DELETE /api/snapshots/{snapshotId}/documents/{documentId}',
]);

/** `GET /api/projects/:projectId` → `GET /api/projects/{projectId}`, as OpenAPI writes paths. */
const normalise = (method: string, path: string) =>
  `${method.toUpperCase()} ${path.replace(/\/$/, '').replace(/:([A-Za-z]+)/g, '{$1}')}`;

function documentedRoutes(markdown: string): { implemented: Set<string>; planned: Set<string> } {
  const implemented = new Set<string>();
  const planned = new Set<string>();
  let inNotYet = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('## ')) inNotYet = line.startsWith(NOT_YET);
    const match = ROUTE_ROW.exec(line);
    if (!match) continue;
    const route = normalise(match[1], match[2]);
    // Only the api's own routes; `/metrics`, `/collab` and `/socket.io` are not in the OpenAPI document.
    if (!route.split(' ')[1].startsWith('/api/') || OUTSIDE_OPENAPI.has(route)) continue;
    (inNotYet ? planned : implemented).add(route);
  }
  return { implemented, planned };
}

describe('docs/api.md agrees with the OpenAPI document of the running server', () => {
  let app: TestApp;
  let openApi: OpenApi;
  let served: Set<string>;
  let documented: { implemented: Set<string>; planned: Set<string> };
  let markdown: string;

  beforeAll(async () => {
    app = await startTestApp();
    openApi = (await app.http.get('/api/docs-json').expect(200)).body as OpenApi;
    served = new Set(
      Object.entries(openApi.paths).flatMap(([path, operations]) =>
        METHODS.filter((method) => operations[method] !== undefined).map((method) => normalise(method, path)),
      ),
    );
    markdown = await readFile(new URL('../../docs/api.md', import.meta.url), 'utf8');
    documented = documentedRoutes(markdown);
  });
  afterAll(async () => {
    await app.close();
  });

  // The «Not yet implemented» list may be empty now that every promised route is served.
  it('reads both lists (neither is empty by accident)', () => {
    expect(served.size).toBeGreaterThan(80);
    expect(documented.implemented.size).toBeGreaterThan(80);
  });

  it('documents every route the server has', () => {
    const undocumented = [...served].filter((route) => !documented.implemented.has(route));
    expect(undocumented).toEqual([]);
  });

  it('lists no route the server does not have', () => {
    const missing = [...documented.implemented].filter((route) => !served.has(route));
    expect(missing).toEqual([]);
  });

  it('lists as not yet implemented only routes the server does not have yet', () => {
    const implementedAfterAll = [...documented.planned].filter((route) => served.has(route));
    expect(implementedAfterAll).toEqual([]);
  });

  it('lists every error reason of the catalogue, with its status', () => {
    expect(ERROR_REASON_LIST.length).toBeGreaterThan(20);
    const wrong = ERROR_REASON_LIST.filter(
      (reason) => !new RegExp(`^\\|\\s*\`${reason}\`\\s*\\|\\s*${ERROR_REASONS[reason]}\\s*\\|`, 'm').test(markdown),
    );
    expect(wrong).toEqual([]);
  });

  describe('answers in the OpenAPI document', () => {
    const operations = () =>
      Object.entries(openApi.paths).flatMap(([path, byMethod]) =>
        METHODS.flatMap((method) => {
          const operation = byMethod[method];
          return operation ? [{ route: normalise(method, path), operation }] : [];
        }),
      );
    /** Nest adds `{description: ''}` by itself where a route documents nothing: that does not count. */
    const described = (operation: Operation, status: RegExp) =>
      Object.entries(operation.responses).filter(([code, answer]) => status.test(code) && answer.description);

    it('documents a success answer (2xx) for every operation that can succeed', () => {
      const without = operations()
        .filter(({ operation }) => described(operation, /^2\d\d$/).length === 0)
        .map(({ route }) => route);
      expect(without.sort()).toEqual([...WITHOUT_2XX].sort());
      for (const { route, operation } of operations().filter(({ route }) => WITHOUT_2XX.has(route))) {
        expect([route, described(operation, /^(302|405)$/).length]).toEqual([route, 1]);
      }
    });

    it('gives every operation the one error shape, with its reason', () => {
      const error = openApi.components.schemas.ApiError as { properties: Record<string, unknown>; required: string[] };
      expect(Object.keys(error.properties)).toEqual(
        expect.arrayContaining(['statusCode', 'error', 'message', 'details']),
      );
      expect(error.required).toEqual(expect.arrayContaining(['statusCode', 'error', 'message']));
      const withoutError = operations()
        .filter(({ operation }) => {
          const schema = operation.responses.default?.content?.['application/json']?.schema as
            { $ref?: string } | undefined;
          return schema?.$ref !== '#/components/schemas/ApiError';
        })
        .map(({ route }) => route);
      expect(withoutError).toEqual([]);
    });

    it('resolves every schema it refers to', () => {
      const refs = new Set(JSON.stringify(openApi).match(/#\/components\/schemas\/[A-Za-z]+/g) ?? []);
      expect(refs.size).toBeGreaterThan(30);
      const dangling = [...refs].filter((ref) => !(ref.split('/').pop()! in openApi.components.schemas));
      expect(dangling).toEqual([]);
    });
  });
});
