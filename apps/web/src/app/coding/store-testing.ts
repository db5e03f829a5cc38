// Test support for the coding and comment stores (used by their *.spec.ts only; the app never imports it).
//
// The stores are built by Angular's injector with their real collaborators: the real API
// services over Angular's HttpClient answered by HttpTestingController, the real I18n and
// Transloco with the app's nb/en files, the real Notify and ProjectEvents, and a real
// CollabSession (the stock y-websocket provider) synced with a small Yjs server on
// 127.0.0.1 (yjs-test-server.ts). Node has no DOM, so what draws on the page is replaced by recorders: the
// snack bar and the live announcer note the text a person would read or hear; the
// confirm dialog answers as the test says. Events reach the stores through
// ProjectEvents' own dispatch, as if its socket had delivered them.
import '@angular/compiler';
import { LiveAnnouncer } from '@angular/cdk/a11y';
import { DOCUMENT } from '@angular/common';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { ApplicationInitStatus, type Provider, type Type } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { BrowserTestingModule, platformBrowserTesting } from '@angular/platform-browser/testing';
import type { Code, Coding, Comment } from '@tolk/contracts';
import { Subject, of } from 'rxjs';
import type { CollabSession } from '../core/collab/collab-session';
import { I18n } from '../core/i18n/i18n.service';
import { provideI18n } from '../core/i18n/provide-i18n';
import { YjsServer, openSession, until } from './yjs-test-server';
import {
  ProjectEvents,
  type ProjectEventName,
  type ProjectEventPayload,
} from '../core/realtime/project-events.service';

export { YjsServer, openSession, until };

let environment = false;

/** What the snack bar would have shown, with a way to press its action button. */
export interface Shown {
  message: string;
  action: string;
  press: () => void;
}

export interface StoreTestBed {
  http: HttpTestingController;
  events: ProjectEvents;
  i18n: I18n;
  /** Snack bar messages, oldest first. */
  shown: Shown[];
  /** Live-region announcements, oldest first. */
  announced: string[];
  /** What the confirm dialog answers next. */
  confirmAnswer: { value: boolean };
  /** Sends a project event to the app's listeners, as ProjectEvents does when its socket delivers one. */
  emit<K extends ProjectEventName>(event: K, payload: ProjectEventPayload<K>): void;
  /** The event socket connects (true) or drops (false); the effects that follow it run. */
  socket(connected: boolean): void;
}

/** A TestBed with the store's real collaborators and `providers` (the store under test); the app's texts in nb. */
export async function storeTestBed(providers: Provider[]): Promise<StoreTestBed> {
  if (!environment) {
    TestBed.initTestEnvironment(BrowserTestingModule, platformBrowserTesting());
    environment = true;
  }
  const shown: Shown[] = [];
  const announced: string[] = [];
  const confirmAnswer = { value: true };
  const snackBar = {
    open(message: string, action = '') {
      const pressed = new Subject<void>();
      shown.push({ message, action, press: () => pressed.next() });
      return { onAction: () => pressed.asObservable() };
    },
  };
  const announcer = {
    announce(message: string) {
      announced.push(message);
      return Promise.resolve();
    },
  };
  const dialog = { open: () => ({ afterClosed: () => of(confirmAnswer.value) }) };
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideI18n(),
      // What I18n and AuthService read of the page: <html lang> and the cookie.
      { provide: DOCUMENT, useValue: { documentElement: { lang: '' }, cookie: '' } },
      { provide: MatSnackBar, useValue: snackBar },
      { provide: LiveAnnouncer, useValue: announcer },
      { provide: MatDialog, useValue: dialog },
      ...providers,
    ],
  });
  // The app's initializer loads the reader's language (English here) first; then Norwegian.
  await TestBed.inject(ApplicationInitStatus).donePromise;
  const i18n = TestBed.inject(I18n);
  await i18n.activate('nb');
  const events = TestBed.inject(ProjectEvents);
  const dispatch = (events as unknown as { dispatch(event: string, payload: unknown): void }).dispatch.bind(events);
  return {
    http: TestBed.inject(HttpTestingController),
    events,
    i18n,
    shown,
    announced,
    confirmAnswer,
    emit: (event, payload) => dispatch(event, payload),
    socket: (connected) => {
      events.connected.set(connected);
      TestBed.tick();
    },
  };
}

/** The one open request `method url` (waits for it: a store may send it after an earlier answer). */
export async function request(http: HttpTestingController, method: string, url: string): Promise<TestRequest> {
  let found: TestRequest[] = [];
  await until(() => (found = http.match({ method, url })).length > 0, `${method} ${url}`);
  if (found.length > 1) throw new Error(`${found.length} requests ${method} ${url}`);
  return found[0];
}

/** Answers a request with the api's error shape: an English `message` and a stable `reason`. */
export function refuse(req: TestRequest, status: number, reason: string, message: string, params = {}): void {
  req.flush(
    { statusCode: status, message, reason, params, details: { reason, ...params } },
    { status, statusText: 'Refused' },
  );
}

export const PROJECT = 'p-1';
export const DOCUMENT_ID = 'd-1';

/** A store that follows one document of one project until the returned function is called. */
interface DocumentStore {
  start(projectId: string, documentId: string, session: CollabSession): () => void;
}

/** One test's world: the test bed, the transcript's server and live session, the store following the document. */
export interface StoreCase<S> {
  bed: StoreTestBed;
  server: YjsServer;
  session: CollabSession;
  store: S;
  /** Stops the store following the document (once; `endStore` calls it too). */
  stop: () => void;
}

/** Builds `type` in a fresh test bed and starts it on a transcript whose text is `text`. */
export async function startStore<S extends DocumentStore>(type: Type<S>, text: string): Promise<StoreCase<S>> {
  const bed = await storeTestBed([type]);
  const server = await YjsServer.start(text);
  const session = await openSession(server, DOCUMENT_ID);
  const store = TestBed.inject(type);
  const stopStore = store.start(PROJECT, DOCUMENT_ID, session);
  let stopped = false;
  const stop = () => {
    if (!stopped) stopStore();
    stopped = true;
  };
  return { bed, server, session, store, stop };
}

/** Stops the store, checks that no request is left unanswered, and closes the transcript. */
export async function endStore(test: StoreCase<unknown>): Promise<void> {
  test.stop();
  test.bed.http.verify();
  test.session.destroy();
  await test.server.close();
  TestBed.resetTestingModule();
}

export function code(id: string, name: string, version = 1): Code {
  return {
    id,
    name,
    color: '#336699',
    description: '',
    parentId: null,
    version,
    shortcut: null,
    whenToUse: '',
    whenNotToUse: '',
    exampleCodingId: null,
    exampleQuote: '',
  };
}

/** A coding of `server`'s text from `from` to `to`, as the api answers it. */
export function coding(server: YjsServer, id: string, codeId: string, from: number, to: number, version = 1): Coding {
  return {
    id,
    documentId: DOCUMENT_ID,
    codeId,
    start: from,
    end: to,
    quote: server.text.toString().slice(from, to),
    ...server.anchors(from, to),
    textDeleted: false,
    createdBy: 'u-bo',
    createdAt: '2026-12-07T10:00:00.000Z',
    version,
  };
}

/** A comment as the api answers it: anchored to `range` of `server`'s text, on the whole document, or a reply. */
export function comment(
  id: string,
  body: string,
  place: { server: YjsServer; from: number; to: number } | { parentId: string } | null,
  createdAt = '2026-12-07T10:00:00.000Z',
): Comment {
  const anchored = place && 'server' in place ? place : null;
  return {
    id,
    documentId: DOCUMENT_ID,
    parentId: place && 'parentId' in place ? place.parentId : null,
    body,
    start: anchored ? anchored.from : null,
    end: anchored ? anchored.to : null,
    quote: anchored ? anchored.server.text.toString().slice(anchored.from, anchored.to) : null,
    ...(anchored ? anchored.server.anchors(anchored.from, anchored.to) : { startAnchor: null, endAnchor: null }),
    textDeleted: false,
    author: { id: 'u-bo', name: 'Bo' },
    createdAt,
    updatedAt: createdAt,
    resolved: false,
    resolvedBy: null,
    mentions: [],
  };
}
