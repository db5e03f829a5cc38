import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { type Code, type Snapshot, type SnapshotDocument, lineSpan, textLines } from '@tolk/contracts';
import type { ConnectedPosition } from '@angular/cdk/overlay';
import type { Stripe } from '../coding/coding-stripes';
import { type Popover, openPopover } from '../coding/popover';
import { errorStatus } from '../core/http/api-error';
import { PageTitle } from '../core/i18n/page-title.service';
import { TranslocoDirective } from '@jsverse/transloco';
import { TranscriptEditor } from '../documents/transcript-editor';
import { AttributeChips } from '../shared/ui/attribute-chips';
import { Icon } from '../shared/ui/icon';
import { FrozenText } from './frozen-text';
import { OsloTime } from './oslo-time';
import { SnapshotsApi } from './snapshots.api';
import { AnalysisApi, type ExportFile } from '../analysis/analysis.api';
import { ExchangeApi } from '../exchange/exchange.api';
import { I18n } from '../core/i18n/i18n.service';
import { Notify } from '../core/notify.service';
import { SnapshotCodingCard } from './snapshot-coding-card';
import { loadState } from '../shared/load-state';

/** Beside the bracket, else before it, else below the words (as the live transcript's card). */
const CARD_POSITIONS: ConnectedPosition[] = [
  { originX: 'end', originY: 'top', overlayX: 'start', overlayY: 'top', offsetX: 10 },
  { originX: 'start', originY: 'top', overlayX: 'end', overlayY: 'top', offsetX: -10 },
  { originX: 'center', originY: 'bottom', overlayX: 'center', overlayY: 'top', offsetY: 8 },
];

/**
 * A project as of a snapshot: its documents, each shown read-only in the
 * transcript editor with the coding stripes it had then and line numbers in
 * the margin (as the live transcript), and the codebook of that moment
 * beside it. A bracket or coded words open that coding's card with its
 * citation by line, so a quote is cited from exactly what was frozen.
 */
@Component({
  selector: 'tolk-snapshot-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatButtonModule,
    MatMenuModule,
    MatProgressBarModule,
    AttributeChips,
    Icon,
    TranscriptEditor,
    TranslocoDirective,
  ],
  templateUrl: './snapshot.page.html',
  styleUrl: './snapshot.page.scss',
})
export class SnapshotPage {
  private readonly api = inject(SnapshotsApi);
  private readonly router = inject(Router);
  private readonly pageTitle = inject(PageTitle);
  private readonly analysis = inject(AnalysisApi);
  private readonly exchange = inject(ExchangeApi);
  private readonly i18n = inject(I18n);
  private readonly notify = inject(Notify);
  private readonly injector = inject(Injector);
  protected readonly time = inject(OsloTime);

  /** From the route (`projects/:projectId/snapshots/:snapshotId`). */
  readonly projectId = input.required<string>();
  readonly snapshotId = input.required<string>();
  /** `?document=ID`: which document is open. */
  readonly document = input<string>();

  protected readonly snapshot = signal<Snapshot | null>(null);
  protected readonly state = loadState<'missing'>();
  protected readonly open = signal<SnapshotDocument | null>(null);
  protected readonly source = signal<FrozenText | null>(null);
  protected readonly openId = computed(
    // An erased transcript has nothing to open: the first one kept.
    () => this.document() ?? this.snapshot()?.documents.find((d) => !d.erased)?.id ?? null,
  );

  private readonly codes = computed(() => new Map((this.snapshot()?.codes ?? []).map((c) => [c.id, c])));
  protected readonly stripes = computed<readonly Stripe[]>(() => {
    const codes = this.codes();
    return (this.open()?.codings ?? []).flatMap((c) => {
      const code = codes.get(c.codeId);
      if (!code || c.textDeleted) return [];
      return [{ id: c.id, from: c.start, to: c.end, color: code.color, label: code.name, title: code.name }];
    });
  });
  /** The codebook as it was, with how often each code was used in the open document. */
  protected readonly legend = computed(() => {
    const counts = new Map<string, number>();
    for (const c of this.open()?.codings ?? []) counts.set(c.codeId, (counts.get(c.codeId) ?? 0) + 1);
    return (this.snapshot()?.codes ?? []).map((code: Code) => ({ code, count: counts.get(code.id) ?? 0 }));
  });
  protected readonly words = computed(() => (this.open()?.text ?? '').split(/\s+/u).filter(Boolean).length);
  private readonly lines = computed(() => textLines(this.open()?.text ?? ''));
  /** The coding whose card is open: its bracket drawn bolder. */
  protected readonly opened = signal<string | null>(null);
  private card: Popover<SnapshotCodingCard> | null = null;

  constructor() {
    effect(() => {
      const id = this.snapshotId();
      untracked(() => void this.load(id));
    });
    effect(() => {
      const documentId = this.openId();
      const snapshot = this.snapshot();
      if (!documentId || !snapshot) return;
      untracked(() => void this.openDocument(snapshot.id, documentId));
    });
    inject(DestroyRef).onDestroy(() => {
      this.card?.close();
      this.source()?.destroy();
    });
  }

  protected async load(id: string): Promise<void> {
    this.state.set('loading');
    try {
      const snapshot = await this.api.get(id);
      this.snapshot.set(snapshot);
      this.pageTitle.setText(snapshot.name);
      this.state.set('ready');
    } catch (err) {
      this.state.set(errorStatus(err) === 404 ? 'missing' : 'failed');
    }
  }

  /** A coding's card beside its bracket: code, citation, the frozen words. */
  protected openCard(id: string, rect: DOMRect): void {
    this.card?.close();
    const doc = this.open();
    const coding = doc?.codings.find((c) => c.id === id);
    const code = coding && this.codes().get(coding.codeId);
    if (!doc || !coding || !code) return;
    const { lineStart, lineEnd } = lineSpan(this.lines(), coding.start, coding.end);
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    this.opened.set(id);
    const card = openPopover(
      this.injector,
      SnapshotCodingCard,
      { x: rect.left, y: rect.top, width: rect.width, height: rect.height },
      {
        positions: CARD_POSITIONS,
        closed: () => {
          if (this.card === card) this.card = null;
          if (this.opened() === id) this.opened.set(null);
        },
        returnFocus: () => returnTo?.isConnected && returnTo.focus(),
      },
    );
    this.card = card;
    card.component.setInput('coding', {
      codeName: code.name,
      color: code.color,
      quote: doc.text.slice(coding.start, coding.end),
      citation: { document: doc.title, start: lineStart, end: lineEnd, count: lineEnd - lineStart + 1 },
    });
    card.component.instance.closed.subscribe(() => card.close());
  }

  protected choose(documentId: string): void {
    this.card?.close();
    void this.router.navigate([], { queryParams: { document: documentId }, replaceUrl: true });
  }

  private async openDocument(snapshotId: string, documentId: string): Promise<void> {
    try {
      const document = await this.api.document(snapshotId, documentId);
      if (snapshotId !== this.snapshotId() || documentId !== this.openId()) return;
      // Text and codings change together; the editor rebinds to the new text,
      // and the old one is let go once the page has rendered without it.
      const previous = this.source();
      this.open.set(document);
      this.source.set(new FrozenText(document.text));
      if (previous) afterNextRender(() => previous.destroy(), { injector: this.injector });
    } catch {
      this.open.set(null);
    }
  }

  /** The project as this snapshot froze it, in any export format. */
  protected async download(file: ExportFile | 'export.qdpx' | 'codebook.qdc'): Promise<void> {
    const snapshotId = this.snapshotId();
    try {
      if (file === 'export.qdpx') await this.exchange.exportProject(this.projectId(), snapshotId);
      else if (file === 'codebook.qdc') await this.exchange.exportCodebook(this.projectId(), snapshotId);
      else await this.analysis.download(this.projectId(), file, this.i18n.lang(), snapshotId);
    } catch (err) {
      this.notify.error('analysis.export.failed', err);
    }
  }
}
