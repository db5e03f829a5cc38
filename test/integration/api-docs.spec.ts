import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
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
    const route = normalise(match[1]!, match[2]!);
    // Only the api's own routes; `/metrics`, `/collab` and `/socket.io` are not in the OpenAPI document.
    if (!route.split(' ')[1]!.startsWith('/api/') || OUTSIDE_OPENAPI.has(route)) continue;
    (inNotYet ? planned : implemented).add(route);
  }
  return { implemented, planned };
}

describe('docs/api.md agrees with the OpenAPI document of the running server', () => {
  let app: TestApp;
  let served: Set<string>;
  let documented: { implemented: Set<string>; planned: Set<string> };

  beforeAll(async () => {
    app = await startTestApp();
    const openApi = (await app.http.get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Partial<Record<(typeof METHODS)[number], unknown>>>;
    };
    served = new Set(
      Object.entries(openApi.paths).flatMap(([path, operations]) =>
        METHODS.filter((method) => operations[method] !== undefined).map((method) => normalise(method, path)),
      ),
    );
    documented = documentedRoutes(await readFile(new URL('../../docs/api.md', import.meta.url), 'utf8'));
  });
  afterAll(async () => {
    await app.close();
  });

  it('reads both lists (neither is empty by accident)', () => {
    expect(served.size).toBeGreaterThan(80);
    expect(documented.implemented.size).toBeGreaterThan(80);
    expect(documented.planned.size).toBeGreaterThan(0);
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
});
