import { LiveAnnouncer } from '@angular/cdk/a11y';
import { Injectable, computed, inject, signal } from '@angular/core';
import { createAnchor, encodeAnchor, type ResolvedAnchor } from '@tolk/anchoring';
import { lineSpan, textLines } from '@tolk/contracts';
import type { Code, Coding, CodingVersion, Member, UpdateCodeRequest } from '@tolk/contracts';
import type { CollabSession } from '../core/collab/collab-session';
import { errorStatus, hasReason } from '../core/http/api-error';
import { I18n } from '../core/i18n/i18n.service';
import { Notify } from '../core/notify.service';
import { ProjectEvents } from '../core/realtime/project-events.service';
import { allows, type ProjectAccessView } from '../projects/permissions';
import { ProjectsApi } from '../projects/projects.api';
import { AnchorResolver } from './anchor-resolver';
import { ResolveSchedule } from './resolve-schedule';
import { reloadOnReconnect } from './reload-on-reconnect';
import { ProposalsApi } from '../codebook/proposals.api';
import { CodebookApi } from './codebook.api';
import { type CodeNode, codeTree, flattenTree } from './code-tree';
import type { Stripe } from './coding-stripes';
import { CodingsApi } from './codings.api';
import { dropCodings, upsertCodings } from './merge-codings';
import { loadState } from '../shared/load-state';
import { Prefetch } from '../shared/prefetch';

/** A coding with where its words are in the live text now. */
export interface PlacedCoding {
  coding: Coding;
  code: Code | undefined;
  /** `ok`: drawn; `deleted`: its words are gone; `unknown`: not in this copy of the text yet. */
  status: ResolvedAnchor['status'];
  from: number;
  to: number;
  quote: string;
}

/** A passage of the text, UTF-16 offsets, `to` exclusive. */
export interface TextRange {
  from: number;
  to: number;
}

/**
 * The codebook and the codings of the open transcript, kept current by REST
 * answers and socket.io events, with every coding's anchors resolved against
 * the live Y.Doc. One per document page.
 *
 * Anchors are resolved once per animation frame in which the text changed
 * (and whenever the codings change), never per keystroke and per coding.
 */
@Injectable()
export class CodingStore {
  private readonly codebookApi = inject(CodebookApi);
  private readonly proposalsApi = inject(ProposalsApi);
  private readonly codingsApi = inject(CodingsApi);
  private readonly projectsApi = inject(ProjectsApi);
  private readonly events = inject(ProjectEvents);
  private readonly i18n = inject(I18n);
  private readonly notify = inject(Notify);
  private readonly announcer = inject(LiveAnnouncer);

  /** The caller's role and the project's settings (null until the project has loaded). */
  readonly access = signal<ProjectAccessView | null>(null);
  readonly codes = signal<readonly Code[]>([]);
  readonly codings = signal<readonly Coding[]>([]);
  readonly members = signal<readonly Member[]>([]);
  readonly state = loadState();
  /** The open transcript's title, for citing a passage. */
  readonly documentTitle = signal('');
  /** Only this code's stripes are drawn (null: all). */
  readonly filterCodeId = signal<string | null>(null);

  readonly canCode = computed(() => allows(this.access(), 'code'));
  readonly canEditCodebook = computed(() => allows(this.access(), 'manageCodebook'));
  /** May only propose codebook changes (the supervisor): a change goes to the owner as a proposal. */
  readonly canOnlyProposeCodebook = computed(
    () => !this.canEditCodebook() && allows(this.access(), 'proposeCodebookChange'),
  );

  readonly tree = computed(() => codeTree(this.codes(), this.i18n.locale()));
  readonly flat = computed(() => flattenTree(this.tree()));
  readonly nodeById = computed(() => new Map<string, CodeNode>(this.flat().map((n) => [n.code.id, n])));
  /** The code each key (1–9, 0) applies: the codes' own, stable shortcuts. */
  readonly byShortcut = computed(
    () => new Map(this.codes().flatMap((c): [string, Code][] => (c.shortcut ? [[c.shortcut, c]] : []))),
  );

  /** When to resolve the anchors again after the text changed (not on every keystroke). */
  private readonly schedule = new ResolveSchedule();
  /** Offsets exact as of now (resolves at once if the text changed since the last resolution). */
  readonly flushText = (): void => this.schedule.flush();
  private readonly live = signal<CollabSession | null>(null);
  /** The server's text arrived: before that every anchor is unknown here. */
  private readonly loaded = computed(() => this.live()?.loaded() ?? false);
  private projectId: string | null = null;
  /** The project of the open document (for project-wide actions such as a codebook import). */
  get currentProjectId(): string | null {
    return this.projectId;
  }
  private documentId: string | null = null;
  private readonly resolver = new AnchorResolver();
  private readonly early = new Prefetch<Coding[]>();

  readonly placed = computed<readonly PlacedCoding[]>(() => {
    this.schedule.version();
    const codings = this.codings();
    const session = this.live();
    const codes = new Map(this.codes().map((c) => [c.id, c]));
    const results: readonly ResolvedAnchor[] =
      session && this.loaded() ? this.resolve(session, codings) : codings.map(() => ({ status: 'unknown' }));
    return codings
      .map((coding, i): PlacedCoding => {
        const r = results[i];
        const code = codes.get(coding.codeId);
        if (r.status === 'ok') return { coding, code, status: 'ok', from: r.start, to: r.end, quote: r.quote };
        return { coding, code, status: r.status, from: coding.start, to: coding.end, quote: coding.quote };
      })
      .sort((a, b) => rank(a) - rank(b) || a.from - b.from || a.to - b.to);
  });

  /** The live text's lines, counted again only when the text changed and a citation is asked for. */
  private readonly lines = computed(() => {
    this.schedule.version();
    const session = this.live();
    return session && this.loaded() ? textLines(session.text.toString()) : [];
  });

  /** «Informant 2, lines 45–47» for a passage of the live text: the parameters of `coding.citation`. */
  citation(range: TextRange): { document: string; start: number; end: number; count: number } {
    const { lineStart, lineEnd } = lineSpan(this.lines(), range.from, range.to);
    return { document: this.documentTitle(), start: lineStart, end: lineEnd, count: lineEnd - lineStart + 1 };
  }

  /** Codings whose words are in the text, per code: the counts in the codebook. */
  readonly counts = computed(
    () => {
      const counts = new Map<string, number>();
      for (const p of this.placed()) {
        // Before the live text has arrived, the server's word on deletion stands.
        const here = p.status === 'ok' || (p.status === 'unknown' && !p.coding.textDeleted);
        if (here) counts.set(p.coding.codeId, (counts.get(p.coding.codeId) ?? 0) + 1);
      }
      return counts;
    },
    // Typing moves offsets, not counts: the codebook is not drawn again for that.
    { equal: sameCounts },
  );

  readonly stripes = computed<readonly Stripe[]>(() => {
    const filter = this.filterCodeId();
    return this.placed().flatMap((p) => {
      if (p.status !== 'ok' || !p.code || (filter && p.coding.codeId !== filter)) return [];
      return [
        {
          id: p.coding.id,
          from: p.from,
          to: p.to,
          color: p.code.color,
          label: p.code.name,
          title: `${p.code.name} · ${this.memberName(p.coding.createdBy)}`,
        },
      ];
    });
  });

  constructor() {
    reloadOnReconnect(
      this.events.connected,
      () => this.live() !== null,
      () => this.load(),
    );
  }

  /** Follow a document: load, listen, resolve. The returned function stops all of it. */
  start(projectId: string, documentId: string, session: CollabSession): () => void {
    this.live.set(session);
    this.projectId = projectId;
    this.documentId = documentId;

    const onText = (): void => this.schedule.changed();
    session.text.observe(onText);

    void this.load();
    const same = (event: { projectId?: string }) => event.projectId?.toLowerCase() === projectId.toLowerCase();
    const here = (event: { documentId?: string }) => event.documentId?.toLowerCase() === documentId.toLowerCase();
    const stops = [
      this.events.on('code:created', (code) => same(code) && this.upsertCode(code)),
      this.events.on('code:updated', (code) => same(code) && this.upsertCode(code)),
      this.events.on('code:deleted', (event) => {
        if (!same(event)) return;
        this.codes.update((list) => list.filter((c) => c.id !== event.id));
        if (this.filterCodeId() === event.id) this.filterCodeId.set(null);
      }),
      this.events.on('coding:created', (coding) => same(coding) && here(coding) && this.upsertCoding(coding)),
      this.events.on('coding:updated', (coding) => same(coding) && here(coding) && this.upsertCoding(coding)),
      this.events.on('coding:deleted', (event) => {
        if (same(event) && here(event)) this.dropCoding(event.id);
      }),
      // "Code all hits": the whole batch in one update, so one render.
      this.events.on('coding:batch', (batch) => {
        if (!same(batch)) return;
        if (batch.kind === 'created') this.codings.update((list) => upsertCodings(list, batch.codings.filter(here)));
        else {
          const ids = batch.codings.filter(here).map((c) => c.id);
          this.codings.update((list) => dropCodings(list, ids));
          for (const id of ids) this.resolver.forget(id);
        }
      }),
    ];

    return () => {
      this.schedule.stop();
      session.text.unobserve(onText);
      for (const stop of stops) stop();
      this.live.set(null);
      this.projectId = null;
      this.documentId = null;
      this.resolver.clear();
      this.codes.set([]);
      this.codings.set([]);
      this.state.reset();
    };
  }

  /**
   * Ask for a transcript's codings before `start` (which needs the project,
   * named only by the document's REST answer): on a long transcript they are
   * the largest answer the page waits for before its highlights.
   */
  prefetch(documentId: string): void {
    this.early.start(documentId, () => this.codingsApi.list(documentId));
  }

  /** Everything again, e.g. after a missed event or a 409. */
  async load(): Promise<void> {
    const projectId = this.projectId;
    const documentId = this.documentId;
    if (!projectId || !documentId) return;
    // Quietly: a reload after a 409 or a missed event keeps the transcript's codings on screen.
    await this.state.load(
      () =>
        Promise.all([
          this.codebookApi.list(projectId),
          this.early.take(documentId, () => this.codingsApi.list(documentId)),
        ]),
      ([codes, codings]) => {
        this.codes.set(codes);
        this.codings.set(codings);
      },
      { quietly: true },
    );
    try {
      this.members.set(await this.projectsApi.members(projectId));
    } catch {
      // Names fall back to "someone"; nothing else depends on them.
    }
  }

  memberName(userId: string | null): string {
    if (!userId) return this.i18n.t('coding.someone');
    return this.members().find((m) => m.userId === userId)?.name ?? this.i18n.t('coding.someone');
  }

  /** Apply a code to a passage of the live text: anchors made here, in this Y.Doc. */
  async apply(codeId: string, range: TextRange): Promise<boolean> {
    const session = this.live();
    const documentId = this.documentId;
    const code = this.codes().find((c) => c.id === codeId);
    if (!session || !documentId || !code) return false;
    try {
      const anchor = encodeAnchor(createAnchor(session.text, range.from, range.to));
      const coding = await this.codingsApi.create(documentId, { codeId, ...anchor });
      this.upsertCoding(coding);
      this.announcer.announce(this.i18n.t('coding.applied', { code: code.name }), 'polite');
      return true;
    } catch (err) {
      this.notify.error('coding.applyFailed', err);
      return false;
    }
  }

  async createCode(
    name: string,
    parentId: string | null = null,
    color?: string,
    description?: string,
    definition: { whenToUse?: string; whenNotToUse?: string } = {},
  ): Promise<Code | null> {
    if (!this.projectId) return null;
    try {
      const code = await this.codebookApi.create(this.projectId, {
        name,
        ...(parentId ? { parentId } : {}),
        ...(color ? { color } : {}),
        ...(description ? { description } : {}),
        ...(definition.whenToUse ? { whenToUse: definition.whenToUse } : {}),
        ...(definition.whenNotToUse ? { whenNotToUse: definition.whenNotToUse } : {}),
      });
      this.upsertCode(code);
      return code;
    } catch (err) {
      this.notify.error('codes.createFailed', err);
      return null;
    }
  }

  /** Rename, recolour, describe or move; 409 means someone else changed it first. */
  async updateCode(code: Code, patch: Omit<UpdateCodeRequest, 'version'>): Promise<Code | null> {
    try {
      const updated = await this.codebookApi.update(code.id, { ...patch, version: code.version });
      this.upsertCode(updated);
      return updated;
    } catch (err) {
      // 409 is a stale version or a name taken among the siblings; only the first needs a reload.
      if (hasReason(err, 'stale_version')) {
        this.notify.info('codes.conflict');
        await this.load();
      } else {
        this.notify.error('codes.saveFailed', err);
      }
      return null;
    }
  }

  /**
   * Makes the coding's words its code's example quote; whoever may only
   * propose codebook changes sends it to the owner as a proposal instead.
   */
  async useAsExample(coding: Coding): Promise<boolean> {
    const code = this.codes().find((c) => c.id === coding.codeId);
    if (!code || !this.projectId) return false;
    if (this.canEditCodebook()) {
      const updated = await this.updateCode(code, { exampleCodingId: coding.id });
      if (updated) this.notify.info('coding.example.set', { code: code.name });
      return updated !== null;
    }
    try {
      await this.proposalsApi.propose(this.projectId, {
        kind: 'describe',
        codeId: code.id,
        exampleCodingId: coding.id,
      });
      this.notify.info('coding.example.proposed', { code: code.name });
      return true;
    } catch (err) {
      this.notify.error('coding.example.failed', err);
      return false;
    }
  }

  async mergeCode(code: Code, into: Code): Promise<boolean> {
    try {
      await this.codebookApi.merge(code.id, into.id);
      this.codes.update((list) => list.filter((c) => c.id !== code.id));
      if (this.filterCodeId() === code.id) this.filterCodeId.set(into.id);
      // Codings moved and sub-codes were re-parented: the events say so too, but be sure.
      await this.load();
      this.announcer.announce(this.i18n.t('codes.merged', { code: code.name, into: into.name }), 'polite');
      return true;
    } catch (err) {
      this.notify.error('codes.mergeFailed', err);
      return false;
    }
  }

  /** Throws the 409 (codings use the code) so the caller can ask about `force`. */
  async deleteCode(code: Code, force: boolean): Promise<void> {
    await this.codebookApi.remove(code.id, force);
    this.codes.update((list) => list.filter((c) => c.id !== code.id));
    if (force) this.codings.update((list) => list.filter((c) => c.codeId !== code.id));
    if (this.filterCodeId() === code.id) this.filterCodeId.set(null);
  }

  async recode(coding: Coding, codeId: string): Promise<boolean> {
    if (coding.codeId === codeId) return true;
    try {
      this.upsertCoding(await this.codingsApi.update(coding.id, { codeId, version: coding.version }));
      const code = this.codes().find((c) => c.id === codeId);
      if (code) this.announcer.announce(this.i18n.t('coding.recoded', { code: code.name }), 'polite');
      return true;
    } catch (err) {
      if (errorStatus(err) === 409) {
        this.notify.info('coding.conflict');
        await this.load();
      } else {
        this.notify.error('coding.saveFailed', err);
      }
      return false;
    }
  }

  /**
   * A new extent for a coding, as anchors made here in the live text (so
   * others typing meanwhile cannot shift it): a new version, "resized" in
   * its history. 409: someone changed it first; reload and say so.
   */
  async resize(coding: Coding, range: TextRange): Promise<boolean> {
    const session = this.live();
    if (!session) return false;
    try {
      const anchor = encodeAnchor(createAnchor(session.text, range.from, range.to));
      this.upsertCoding(await this.codingsApi.update(coding.id, { ...anchor, version: coding.version }));
      void this.announcer.announce(
        this.i18n.t('coding.resized', { quote: session.text.toString().slice(range.from, range.to).slice(0, 160) }),
        'polite',
      );
      return true;
    } catch (err) {
      if (errorStatus(err) === 409) {
        this.notify.info('coding.conflict');
        await this.load();
      } else {
        this.notify.error('coding.saveFailed', err);
      }
      return false;
    }
  }

  async removeCoding(coding: Coding): Promise<boolean> {
    try {
      await this.codingsApi.remove(coding.id);
      this.dropCoding(coding.id);
      this.notify.undoable('coding.removed', () => void this.restoreCoding(coding.id));
      return true;
    } catch (err) {
      this.notify.error('coding.removeFailed', err);
      return false;
    }
  }

  async restoreCoding(codingId: string): Promise<void> {
    try {
      this.upsertCoding(await this.codingsApi.restore(codingId));
    } catch (err) {
      this.notify.error('coding.restoreFailed', err);
    }
  }

  history(codingId: string): Promise<CodingVersion[]> {
    return this.codingsApi.history(codingId);
  }

  upsertCode(code: Code): void {
    const clean: Code = {
      id: code.id,
      name: code.name,
      color: code.color,
      description: code.description,
      parentId: code.parentId,
      version: code.version,
      shortcut: code.shortcut ?? null,
      whenToUse: code.whenToUse ?? '',
      whenNotToUse: code.whenNotToUse ?? '',
      exampleCodingId: code.exampleCodingId ?? null,
      exampleQuote: code.exampleQuote ?? '',
    };
    this.codes.update((list) => {
      const at = list.findIndex((c) => c.id === clean.id);
      if (at === -1) return [...list, clean];
      if (list[at].version > clean.version) return list;
      const next = [...list];
      next[at] = clean;
      return next;
    });
  }

  private upsertCoding(coding: Coding): void {
    this.codings.update((list) => upsertCodings(list, [coding]));
  }

  private dropCoding(id: string): void {
    this.codings.update((list) => dropCodings(list, [id]));
    this.resolver.forget(id);
  }

  private resolve(session: CollabSession, codings: readonly Coding[]): readonly ResolvedAnchor[] {
    return this.resolver.resolve(session.doc, session.text, codings);
  }
}

/** Drawn codings first, then those not (yet) in this copy, then the deleted. */
function rank(p: PlacedCoding): number {
  return p.status === 'ok' ? 0 : p.status === 'unknown' ? 1 : 2;
}

function sameCounts(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, n] of a) if (b.get(id) !== n) return false;
  return true;
}
