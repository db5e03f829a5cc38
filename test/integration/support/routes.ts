import type { TestApp } from './test-app.js';

export type RouteMethod = 'get' | 'post' | 'patch' | 'put' | 'delete';

export interface RegisteredRoute {
  method: RouteMethod;
  /** e.g. `GET /api/projects/:projectId/codes`. */
  key: string;
  pattern: RegExp;
  /** The controller method Nest registered (its decorators' metadata is copied onto it). */
  handler: object;
}

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean>; stack: { name: string; handle: object }[] };
}

/**
 * What the running server's router holds: every method and path Nest
 * registered from a controller. The role matrix and the audit coverage test
 * both start from it, so a new route cannot slip past either.
 */
export function registeredRoutes(app: TestApp): RegisteredRoute[] {
  const express = app.tolk.app.getHttpAdapter().getInstance() as { router: { stack: RouterLayer[] } };
  return express.router.stack.flatMap((layer) => {
    // Controller routes only: the OpenAPI pages and Nest's own catch-alls have anonymous handlers.
    const handler = layer.route?.stack.find((h) => /Controller\./.test(h.name));
    if (!layer.route || !handler) return [];
    const { path, methods } = layer.route;
    return Object.keys(methods)
      .filter((method): method is RouteMethod => ['get', 'post', 'patch', 'put', 'delete'].includes(method))
      .map((method) => ({
        method,
        key: `${method.toUpperCase()} ${path}`,
        pattern: new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/:[A-Za-z]+/g, '[^/]+')}$`),
        handler: handler.handle,
      }));
  });
}
