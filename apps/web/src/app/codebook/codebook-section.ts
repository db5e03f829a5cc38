import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog, MatDialogConfig } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoDirective } from '@jsverse/transloco';
import {
  type Code,
  type CodebookHistoryEntry,
  type CodeProposal,
  type CodeProposalKind,
  type CreateCodeProposalRequest,
  may,
  type ProjectRole,
} from '@tolk/contracts';
import { AnalysisApi } from '../analysis/analysis.api';
import { CodebookApi } from '../coding/codebook.api';
import { codeTree, flattenTree } from '../coding/code-tree';
import { I18n } from '../core/i18n/i18n.service';
import { Notify } from '../core/notify.service';
import { ProjectEvents } from '../core/realtime/project-events.service';
import { ExchangeApi } from '../exchange/exchange.api';
import {
  type ExchangeImportData,
  ExchangeImportDialog,
  type ExchangeImportResult,
} from '../exchange/exchange-import.dialog';
import { confirm } from '../shared/ui/confirm-dialog';
import { Icon } from '../shared/ui/icon';
import { CodeDefinition } from './code-definition';
import { ProposalsApi } from './proposals.api';
import { loadState } from '../shared/load-state';

/** The proposal form's fields, all strings as the inputs hold them. */
interface Draft {
  kind: CodeProposalKind;
  codeId: string;
  intoCodeId: string;
  name: string;
  description: string;
  note: string;
}

const EMPTY: Draft = { kind: 'create', codeId: '', intoCodeId: '', name: '', description: '', note: '' };

/**
 * «Kodebok»: the project's codebook on a page of its own: the tree with
 * colours, keys, definitions and how often each code is used; proposed
 * changes (the owner accepts or declines each with one click, others propose
 * one); and every change in the codebook's history. Follows the project's
 * events, so a change made anywhere shows here without a reload.
 *
 * Whoever may edit the codebook arranges the tree here: drag a code onto
 * another to nest it there or to merge the two (merging asks first), or
 * onto "top level"; the same from the keyboard through each code's
 * "Arrange" panel. Both go through the codebook routes, so the history
 * records them like any other change.
 */
@Component({
  selector: 'tolk-codebook-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CodeDefinition,
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    Icon,
    TranslocoDirective,
  ],
  templateUrl: './codebook-section.html',
  styleUrl: './codebook-section.scss',
})
export class CodebookSection {
  private readonly api = inject(ProposalsApi);
  private readonly codebook = inject(CodebookApi);
  private readonly dialog = inject(MatDialog);
  private readonly exchange = inject(ExchangeApi);
  private readonly analysis = inject(AnalysisApi);
  private readonly events = inject(ProjectEvents);
  private readonly notify = inject(Notify);
  protected readonly i18n = inject(I18n);

  readonly projectId = input.required<string>();
  readonly role = input.required<ProjectRole>();

  protected readonly state = loadState();
  /** Every code, retired ones too (proposals and history name them). */
  private readonly allCodes = signal<readonly Code[]>([]);
  private readonly counts = signal<ReadonlyMap<string, number>>(new Map());
  protected readonly proposals = signal<readonly CodeProposal[]>([]);
  private readonly historyEntries = signal<readonly CodebookHistoryEntry[]>([]);

  protected readonly codes = computed(() => this.allCodes().filter((c) => !c.retired));
  protected readonly flat = computed(() => flattenTree(codeTree(this.codes(), this.i18n.locale())));
  protected readonly open = computed(() => this.proposals().filter((p) => p.status === 'open'));
  protected readonly decided = computed(() => this.proposals().filter((p) => p.status !== 'open'));
  /** Newest first: what changed lately is what a reader looks for. */
  protected readonly history = computed(() => [...this.historyEntries()].reverse());
  protected readonly canPropose = computed(() => may(this.role(), 'proposeCodebookChange'));
  protected readonly canDecide = computed(() => may(this.role(), 'decideCodebookProposals'));
  protected readonly canArrange = computed(() => may(this.role(), 'manageCodebook'));

  /** The code being dragged, while it is. */
  protected readonly dragging = signal<string | null>(null);
  /** The code whose "Arrange" panel is open (the keyboard's way to nest and merge). */
  protected readonly arranging = signal<string | null>(null);

  protected readonly formOpen = signal(false);
  protected readonly draft = signal<Draft>({ ...EMPTY });
  protected readonly busy = signal(false);
  protected readonly kinds: readonly CodeProposalKind[] = ['create', 'rename', 'merge', 'describe'];

  constructor() {
    effect(() => {
      this.projectId();
      untracked(() => void this.load());
    });
    // A code or a proposal changed anywhere in the project: ask again.
    const again = (event: { projectId?: string }) => {
      if (event.projectId === this.projectId()) void this.load();
    };
    const stops = [
      this.events.on('code:created', again),
      this.events.on('code:updated', again),
      this.events.on('code:deleted', again),
      this.events.on('code-proposal:created', again),
      this.events.on('code-proposal:updated', again),
    ];
    inject(DestroyRef).onDestroy(() => stops.forEach((stop) => stop()));
  }

  async load(): Promise<void> {
    const projectId = this.projectId();
    await this.state.load(
      () =>
        Promise.all([
          this.api.codes(projectId),
          this.api.list(projectId),
          this.api.history(projectId),
          this.analysis.frequencies(projectId),
        ]),
      ([codes, proposals, history, frequencies]) => {
        this.allCodes.set(codes);
        this.proposals.set(proposals);
        this.historyEntries.set(history);
        this.counts.set(new Map(frequencies.map((f) => [f.codeId, f.codings])));
      },
      { quietly: true },
    );
  }

  protected count(codeId: string): number {
    return this.counts().get(codeId) ?? 0;
  }

  protected codeName(id: string | null): string {
    return this.allCodes().find((c) => c.id === id)?.name ?? this.i18n.t('codebook.unknownCode');
  }

  /** One line saying what a proposal asks for. */
  protected summary(p: CodeProposal): string {
    return this.i18n.t('codebook.proposal.summary', {
      kind: p.kind,
      code: this.codeName(p.codeId),
      into: this.codeName(p.intoCodeId),
      name: p.name ?? '',
    });
  }

  /** One line of the history: who did what to which code. */
  protected historyLine(h: CodebookHistoryEntry): string {
    return this.i18n.t('codebook.history.line', {
      actor: h.actor?.name ?? this.i18n.t('codebook.someone'),
      action: h.action,
      code: h.codeName,
      to: h.data['to'] ?? '',
      field: h.data['field'] ?? '',
    });
  }

  /** The codebook as a REFI-QDA .qdc file (for NVivo, ATLAS.ti, MAXQDA, or another Tolk project). */
  protected async exportQdc(): Promise<void> {
    try {
      await this.exchange.exportCodebook(this.projectId());
    } catch (err) {
      this.notify.error('exchange.exportFailed', err);
    }
  }

  /** Adds a .qdc file's codes (read on the server in a worker thread); the codes already here stay. */
  protected async importQdc(): Promise<void> {
    const config = new MatDialogConfig<ExchangeImportData>();
    config.data = { kind: 'codebook', projectId: this.projectId() };
    config.width = '34rem';
    config.maxWidth = '95vw';
    const ref = this.dialog.open<ExchangeImportDialog, ExchangeImportData, ExchangeImportResult>(
      ExchangeImportDialog,
      config,
    );
    if (await firstValueFrom(ref.afterClosed())) await this.load();
  }

  /** A code and everything under it: where it may not be nested. */
  protected subtree(codeId: string): ReadonlySet<string> {
    const inside = new Set([codeId]);
    for (let grew = true; grew;) {
      grew = false;
      for (const c of this.codes()) {
        if (c.parentId && inside.has(c.parentId) && !inside.has(c.id)) {
          inside.add(c.id);
          grew = true;
        }
      }
    }
    return inside;
  }

  /** Where `codeId` may go: every other code outside its own subtree. */
  protected parentsFor(codeId: string) {
    const inside = this.subtree(codeId);
    return this.flat().filter((n) => !inside.has(n.code.id));
  }

  protected mergeTargets(codeId: string) {
    return this.flat().filter((n) => n.code.id !== codeId);
  }

  protected dragStart(event: DragEvent, codeId: string): void {
    event.dataTransfer?.setData('application/x-tolk-code', codeId);
    if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
    this.dragging.set(codeId);
  }

  protected dragOver(event: DragEvent): void {
    if (this.dragging()) event.preventDefault();
  }

  protected drop(event: DragEvent, how: 'nest' | 'merge' | 'top', targetId: string | null): void {
    event.preventDefault();
    const codeId = this.dragging() ?? event.dataTransfer?.getData('application/x-tolk-code') ?? null;
    this.dragging.set(null);
    if (!codeId || codeId === targetId) return;
    if (how === 'merge' && targetId) void this.merge(codeId, targetId);
    else void this.nest(codeId, how === 'top' ? null : targetId);
  }

  /** Makes `codeId` a child of `parentId` (null: the top level). */
  protected async nest(codeId: string, parentId: string | null): Promise<void> {
    const code = this.codes().find((c) => c.id === codeId);
    if (!code || code.parentId === parentId || (parentId && this.subtree(codeId).has(parentId))) return;
    this.busy.set(true);
    try {
      await this.codebook.update(codeId, { parentId });
      this.arranging.set(null);
      this.notify.info('codebook.moved', { name: code.name });
    } catch (err) {
      this.notify.error('codebook.arrangeFailed', err);
    } finally {
      this.busy.set(false);
      await this.load();
    }
  }

  /** Merges `codeId` into `intoId` once the person confirms it. */
  protected async merge(codeId: string, intoId: string): Promise<void> {
    const from = this.codes().find((c) => c.id === codeId);
    const into = this.codes().find((c) => c.id === intoId);
    if (!from || !into || from.id === into.id) return;
    const params = { from: from.name, into: into.name, count: this.count(from.id) };
    const yes = await confirm(this.dialog, {
      title: 'codebook.merge.title',
      message: 'codebook.merge.text',
      confirm: 'codebook.merge.confirm',
      params,
      destructive: true,
    });
    if (!yes) return;
    this.busy.set(true);
    try {
      await this.codebook.merge(from.id, into.id);
      this.arranging.set(null);
      this.notify.info('codebook.merged', params);
    } catch (err) {
      this.notify.error('codebook.arrangeFailed', err);
    } finally {
      this.busy.set(false);
      await this.load();
    }
  }

  protected setDraft(patch: Partial<Draft>): void {
    this.draft.update((d) => ({ ...d, ...patch }));
  }

  protected async submit(): Promise<void> {
    const d = this.draft();
    const request: CreateCodeProposalRequest = { kind: d.kind, note: d.note.trim() || undefined };
    if (d.kind !== 'create') request.codeId = d.codeId || undefined;
    if (d.kind === 'create' || d.kind === 'rename') request.name = d.name.trim() || undefined;
    if (d.kind === 'create' || d.kind === 'describe') request.description = d.description.trim() || undefined;
    if (d.kind === 'merge') request.intoCodeId = d.intoCodeId || undefined;
    this.busy.set(true);
    try {
      const made = await this.api.propose(this.projectId(), request);
      this.proposals.update((list) => [made, ...list.filter((p) => p.id !== made.id)]);
      this.draft.set({ ...EMPTY });
      this.formOpen.set(false);
      this.notify.info('codebook.proposed');
    } catch (err) {
      this.notify.error('codebook.proposeFailed', err);
    } finally {
      this.busy.set(false);
    }
  }

  protected async decide(p: CodeProposal, how: 'accept' | 'decline'): Promise<void> {
    this.busy.set(true);
    try {
      const decided = await this.api.decide(p.id, how);
      this.proposals.update((list) => list.map((x) => (x.id === decided.id ? decided : x)));
      await this.load();
    } catch (err) {
      this.notify.error('codebook.decideFailed', err);
      await this.load();
    } finally {
      this.busy.set(false);
    }
  }
}
