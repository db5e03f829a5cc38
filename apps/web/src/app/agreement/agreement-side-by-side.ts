import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import {
  type AgreementDocumentView,
  type Code,
  type DisagreementSpan,
  type DocumentSummary,
  lineSpan,
  textLines,
} from '@tolk/contracts';
import { HttpErrorResponse } from '@angular/common/http';
import { TranslocoDirective } from '@jsverse/transloco';
import { Notify } from '../core/notify.service';
import { CodingsApi } from '../coding/codings.api';
import { AgreementApi } from './agreement.api';
import { textPieces } from './text-pieces';
import { loadState } from '../shared/load-state';

/** Longest excerpt shown for one disagreement in the list. */
const EXCERPT = 140;

/**
 * One transcript, one code, two columns: what side A coded on the left,
 * side B on the right, the places where exactly one side coded marked in
 * both, and under them a list of those places with a button to adopt the
 * other side's coding (adjudication, recorded as a coding by the caller).
 */
@Component({
  selector: 'tolk-agreement-side-by-side',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatButtonModule, MatFormFieldModule, MatProgressBarModule, MatSelectModule, TranslocoDirective],
  templateUrl: './agreement-side-by-side.html',
  styleUrl: './agreement-side-by-side.scss',
})
export class AgreementSideBySide {
  private readonly api = inject(AgreementApi);
  private readonly codingsApi = inject(CodingsApi);
  private readonly notify = inject(Notify);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly projectId = input.required<string>();
  readonly coderA = input.required<string[]>();
  readonly coderB = input.required<string[]>();
  readonly nameA = input.required<string>();
  readonly nameB = input.required<string>();
  readonly code = input.required<Code>();
  readonly documents = input.required<DocumentSummary[]>();
  /** Documents in which either side used the code: the first one opens unless the reader picks another. */
  readonly usedIn = input<string[]>([]);
  readonly myId = input<string | null>(null);
  readonly canCode = input(false);
  /** Bumped by the page when codings changed elsewhere: load again. */
  readonly changes = input(0);
  readonly settled = output();

  protected readonly chosenDocument = signal<string | null>(null);
  protected readonly documentId = computed(() => {
    const chosen = this.chosenDocument();
    const documents = this.documents();
    if (documents.some((d) => d.id === chosen)) return chosen;
    const used = this.usedIn();
    return (documents.find((d) => used.includes(d.id)) ?? documents[0])?.id ?? null;
  });
  protected readonly view = signal<AgreementDocumentView | null>(null);
  protected readonly state = loadState<'forbidden'>();
  protected readonly busy = signal(false);
  private readonly reloads = signal(0);

  protected readonly disagreements = computed<DisagreementSpan[]>(
    () => this.view()?.codes.find((c) => c.codeId === this.code().id)?.disagreements ?? [],
  );
  protected readonly columns = computed(() => {
    const view = this.view();
    if (!view) return [];
    const codeId = this.code().id;
    return (['a', 'b'] as const).map((side) => ({
      side,
      name: side === 'a' ? this.nameA() : this.nameB(),
      pieces: textPieces(
        view.text,
        view.codings.filter((c) => c.side === side && c.codeId === codeId && !c.textDeleted),
        this.disagreements(),
      ),
    }));
  });
  /** The document's lines, numbered as the transcript's margin numbers them, for citing a place. */
  private readonly lines = computed(() => textLines(this.view()?.text ?? ''));

  protected readonly items = computed(() => {
    const view = this.view();
    if (!view) return [];
    const me = this.myId();
    const lines = this.lines();
    return this.disagreements().map((d, index) => {
      const side = d.codedBy;
      const mine = me !== null && (side === 'a' ? this.coderA() : this.coderB()).includes(me);
      const covering = view.codings.filter(
        (c) => c.side === side && c.codeId === this.code().id && c.start < d.end && d.start < c.end,
      );
      const text = view.text.slice(d.start, d.end).trim();
      const { lineStart, lineEnd } = lineSpan(lines, d.start, d.end);
      return {
        index,
        /** The parameters of `coding.citation`: «Informant 2, lines 45–47». */
        citation: { document: view.title, start: lineStart, end: lineEnd, count: lineEnd - lineStart + 1 },
        span: d,
        name: side === 'a' ? this.nameA() : this.nameB(),
        excerpt: text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text,
        adoptable: this.canCode() && !mine ? covering.map((c) => c.id) : [],
        // The other way to settle: drop my own coding, when it lies wholly where the other side coded nothing.
        removable:
          this.canCode() && mine
            ? covering.filter((c) => c.createdBy === me && d.start <= c.start && c.end <= d.end).map((c) => c.id)
            : [],
      };
    });
  });

  constructor() {
    effect(() => {
      const projectId = this.projectId();
      const sides = { coderA: this.coderA(), coderB: this.coderB() };
      const codeId = this.code().id;
      const documentId = this.documentId();
      this.reloads();
      this.changes();
      untracked(() => void this.load(projectId, sides, documentId, codeId));
    });
  }

  protected async adopt(codingIds: string[]): Promise<void> {
    this.busy.set(true);
    try {
      for (const id of codingIds) await this.api.adopt(this.projectId(), id);
      this.notify.info('agreement.side.adopted');
    } catch (err) {
      if (err instanceof HttpErrorResponse && err.status === 409) this.notify.info('agreement.side.already');
      else this.notify.error('agreement.side.adoptFailed', err);
    } finally {
      this.busy.set(false);
      this.reloads.update((n) => n + 1);
      this.settled.emit();
    }
  }

  /** Removes the caller's own codings of a place (a `deleted` version; restorable from the transcript's history). */
  protected async remove(codingIds: string[]): Promise<void> {
    this.busy.set(true);
    try {
      for (const id of codingIds) await this.codingsApi.remove(id);
      this.notify.undoable('agreement.side.removed', () => void this.restore(codingIds));
    } catch (err) {
      this.notify.error('agreement.side.removeFailed', err);
    } finally {
      this.busy.set(false);
      this.reloads.update((n) => n + 1);
      this.settled.emit();
    }
  }

  private async restore(codingIds: string[]): Promise<void> {
    try {
      for (const id of codingIds) await this.codingsApi.restore(id);
    } catch (err) {
      this.notify.error('agreement.side.removeFailed', err);
    }
    this.reloads.update((n) => n + 1);
    this.settled.emit();
  }

  /** Brings the place into view in both columns. */
  protected reveal(index: number): void {
    for (const mark of this.host.nativeElement.querySelectorAll<HTMLElement>(`[data-disagreement="${index}"]`)) {
      mark.scrollIntoView({ block: 'center', behavior: 'smooth' });
    }
  }

  private async load(
    projectId: string,
    sides: { coderA: string[]; coderB: string[] },
    documentId: string | null,
    codeId: string,
  ): Promise<void> {
    if (!documentId) {
      this.view.set(null);
      this.state.set('ready');
      return;
    }
    if (this.view()?.documentId !== documentId) this.state.set('loading');
    try {
      const view = await this.api.document(projectId, sides, documentId, codeId);
      if (documentId !== this.documentId() || codeId !== this.code().id) return;
      this.view.set(view);
      this.state.set('ready');
    } catch (err) {
      // Blind coding: the figures are open to the supervisor, the codings only to the owner.
      this.state.set(err instanceof HttpErrorResponse && err.status === 403 ? 'forbidden' : 'failed');
    }
  }
}
