import type { APIRequestContext, Page, WebSocketRoute } from '@playwright/test';
import { DEMO, editText, expect, test } from './fixtures.js';

/*
 * How the document page reacts to the close codes of `/collab` (docs/api.md,
 * "Live text: Yjs at /collab"). The real server runs behind; Playwright stands between
 * page and server for the WebSocket only, so each code can be sent at will.
 */

async function documentId(request: APIRequestContext, title: string): Promise<string> {
  const login = await request.post('/api/auth/login', { data: DEMO.student });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const headers = { Authorization: `Bearer ${accessToken}` };
  const projects = (await (await request.get('/api/projects', { headers })).json()) as { id: string; name: string }[];
  const project = projects.find((p) => p.name === DEMO.project)!;
  const documents = (await (await request.get(`/api/projects/${project.id}/documents`, { headers })).json()) as {
    id: string;
    title: string;
  }[];
  return documents.find((d) => d.title === title)!.id;
}

async function logIn(page: Page): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(DEMO.student.email);
  await page.getByLabel('Password').fill(DEMO.student.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/projects$/);
}

/** Routes every `/collab` socket; `script` decides per attempt (0, 1, …). */
async function collabRoute(page: Page, script: (ws: WebSocketRoute, attempt: number) => void): Promise<string[]> {
  const urls: string[] = [];
  await page.routeWebSocket(/\/collab\//, (ws) => {
    urls.push(ws.url());
    script(ws, urls.length - 1);
  });
  return urls;
}

const status = (page: Page) => page.getByRole('status');
const editor = (page: Page) => page.getByRole('textbox', { name: 'Transcript text' });

test('an expired token (4401) is renewed and the connection resumes', async ({ page, request }) => {
  const id = await documentId(request, DEMO.documents[1]);
  await logIn(page);
  const urls = await collabRoute(page, (ws, attempt) => {
    if (attempt === 0) void ws.close({ code: 4401, reason: 'invalid or expired token' });
    else ws.connectToServer();
  });
  const refreshed = page.waitForRequest((r) => r.url().endsWith('/api/auth/refresh') && r.method() === 'POST');
  await page.goto(`/documents/${id}`);
  await refreshed;
  await expect(status(page)).toContainText('Saved');
  // Reading and coding is the default: the text is writable again once editing is chosen.
  await editText(page);
  await expect(editor(page)).toHaveAttribute('contenteditable', 'true');
  expect(urls.length).toBeGreaterThanOrEqual(2);
  for (const url of urls) expect(new URL(url).searchParams.get('token')).toBeTruthy();
});

test('losing access (4403) says so and stops editing', async ({ page, request }) => {
  const id = await documentId(request, DEMO.documents[1]);
  await logIn(page);
  let socket: WebSocketRoute | undefined;
  await collabRoute(page, (ws) => {
    socket = ws;
    ws.connectToServer();
  });
  await page.goto(`/documents/${id}`);
  await expect(status(page)).toContainText('Saved');
  void socket!.close({ code: 4403, reason: 'access revoked' });
  await expect(page.getByRole('alert')).toHaveText('You no longer have access to this document.');
  await expect(editor(page)).toHaveAttribute('contenteditable', 'false');
  await expect(status(page)).toHaveText('Not connected');
  await expect(page.getByText('Read only', { exact: true })).toBeVisible();
});

test('too many connections (4429) shows a message and tries again', async ({ page, request }) => {
  const id = await documentId(request, DEMO.documents[1]);
  await logIn(page);
  const urls = await collabRoute(page, (ws, attempt) => {
    if (attempt === 0) void ws.close({ code: 4429, reason: 'too many open connections' });
    else ws.connectToServer();
  });
  await page.goto(`/documents/${id}`);
  await expect(page.getByRole('alert')).toContainText('too many tabs or windows');
  await expect(status(page)).toContainText('Saved', { timeout: 15_000 });
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(urls.length).toBe(2);
});

test('a server that is busy (1013) or going away (1001) is retried by the client itself', async ({ page, request }) => {
  const id = await documentId(request, DEMO.documents[1]);
  await logIn(page);
  await collabRoute(page, (ws, attempt) => {
    if (attempt === 0) void ws.close({ code: 1013, reason: 'server busy' });
    else if (attempt === 1) void ws.close({ code: 1001, reason: 'server shutting down' });
    else ws.connectToServer();
  });
  await page.goto(`/documents/${id}`);
  await expect(status(page)).toContainText('Saved');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a document that is not there (4404) shows the not-found page', async ({ page, request }) => {
  const id = await documentId(request, DEMO.documents[1]);
  await logIn(page);
  await collabRoute(page, (ws) => void ws.close({ code: 4404, reason: 'document not found' }));
  await page.goto(`/documents/${id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Document not found' })).toBeVisible();
});

test('a document deleted while open (4410) says so', async ({ page, request }) => {
  const id = await documentId(request, DEMO.documents[1]);
  await logIn(page);
  let socket: WebSocketRoute | undefined;
  await collabRoute(page, (ws) => {
    socket = ws;
    ws.connectToServer();
  });
  await page.goto(`/documents/${id}`);
  await expect(status(page)).toContainText('Saved');
  void socket!.close({ code: 4410, reason: 'document deleted' });
  await expect(page.getByRole('heading', { level: 1, name: 'Document deleted' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Back to project' })).toBeVisible();
});

test('an edit over the size limit (4413) says so in the editor and stops the live text', async ({ page, request }) => {
  const id = await documentId(request, DEMO.documents[1]);
  await logIn(page);
  let socket: WebSocketRoute | undefined;
  const urls = await collabRoute(page, (ws) => {
    socket = ws;
    ws.connectToServer();
  });
  await page.goto(`/documents/${id}`);
  await expect(status(page)).toContainText('Saved');
  void socket!.close({ code: 4413, reason: 'the transcript would exceed its size limit' });
  await expect(page.getByRole('alert')).toContainText('larger than its limit of 2 MB');
  await expect(status(page)).toHaveText('Not connected');
  // Reconnecting would only send the refused edit again.
  await page.waitForTimeout(1500);
  expect(urls.length).toBe(1);
});
