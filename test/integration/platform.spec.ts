import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../apps/api/src/database/data-source.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('operations: health, OpenAPI, schema', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('reports health with the database up', async () => {
    await app.http.get('/api/health').expect(200, { status: 'ok', db: 'up' });
  });

  it('serves an OpenAPI document generated from the code, and its UI', async () => {
    const res = await app.http.get('/api/docs-json').expect(200);
    const paths = Object.keys(res.body.paths as object);
    for (const path of [
      '/api/auth/register',
      '/api/auth/login',
      '/api/auth/me',
      '/api/projects',
      '/api/projects/{projectId}',
      '/api/projects/{projectId}/members',
      '/api/projects/{projectId}/members/{userId}',
      '/api/projects/{projectId}/documents',
      '/api/documents/{documentId}',
      '/api/health',
    ]) {
      expect(paths).toContain(path);
    }
    expect(res.body.components.schemas.RegisterDto.required).toEqual(
      expect.arrayContaining(['email', 'password', 'name']),
    );
    const ui = await app.http.get('/api/docs').expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('answers unknown api paths with a JSON 404', async () => {
    const res = await app.http.get('/api/no-such-route').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('sets security headers', async () => {
    const res = await app.http.get('/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('has a schema that matches the entities: the migrations leave nothing for migration:generate', async () => {
    const dataSource = new DataSource(dataSourceOptions(app.databaseUrl));
    await dataSource.initialize();
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});
