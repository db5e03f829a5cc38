import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import {
  type AgreementDocuments,
  type AgreementFigures,
  type AgreementResult,
  agreementMostlyUncoded,
  type Code,
  type DocumentSummary,
  type Member,
  type Project,
} from '@tolk/contracts';
import { Notify } from '../core/notify.service';
import { AuthService } from '../core/auth/auth.service';
import { errorStatus } from '../core/http/api-error';
import { I18n } from '../core/i18n/i18n.service';
import { PageTitle } from '../core/i18n/page-title.service';
import { ProjectEvents } from '../core/realtime/project-events.service';
import { TranslocoDirective } from '@jsverse/transloco';
import { CodebookApi } from '../coding/codebook.api';
import { DocumentsApi } from '../documents/documents.api';
import { allows } from '../projects/permissions';
import { ProjectsApi } from '../projects/projects.api';
import { Icon } from '../shared/ui/icon';
import { AgreementApi } from './agreement.api';
import { AgreementSideBySide } from './agreement-side-by-side';
import { alphaAdvice, kappaBand } from './reading-guide';
import { loadState } from '../shared/load-state';

interface Row extends AgreementFigures {
  codeId: string | null;
  name: string;
  color: string | null;
}

/**
 * Intercoder agreement of a project: pick two coders (or groups) and the
 * transcripts, read the figures per code and pooled, then open a code side
 * by side to settle the places where the two differ.
 */
@Component({
  selector: 'tolk-agreement-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatMenuModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTooltipModule,
    Icon,
    TranslocoDirective,
    AgreementSideBySide,
  ],
  templateUrl: './agreement.page.html',
  styleUrl: './agreement.page.scss',
})
export class AgreementPage {
  private readonly api = inject(AgreementApi);
  private readonly projects = inject(ProjectsApi);
  private readonly documentsApi = inject(DocumentsApi);
  private readonly codebook = inject(CodebookApi);
  private readonly auth = inject(AuthService);
  private readonly pageTitle = inject(PageTitle);
  private readonly events = inject(ProjectEvents);
  protected readonly i18n = inject(I18n);
  private readonly notify = inject(Notify);

  /** From the route (`projects/:projectId/agreement`). */
  readonly projectId = input.required<string>();

  protected readonly project = signal<Project | null>(null);
  protected readonly members = signal<Member[]>([]);
  protected readonly documents = signal<DocumentSummary[]>([]);
  protected readonly codes = signal<Code[]>([]);
  protected readonly pageState = loadState<'forbidden' | 'missing'>();

  protected readonly coderA = signal<string[]>([]);
  protected readonly coderB = signal<string[]>([]);
  /** Empty: every transcript (of those `documentsMode` counts). */
  protected readonly documentIds = signal<string[]>([]);
  /** Only the transcripts both sides coded (the default), or all of them. */
  protected readonly documentsMode = signal<AgreementDocuments>('both');

  protected readonly result = signal<AgreementResult | null>(null);
  protected readonly resultState = loadState<'forbidden' | 'missing'>();
  protected readonly reloading = signal(false);
  protected readonly selectedCode = signal<string | null>(null);
  /** Counts codings changed by anyone while the page is open; the side-by-side view reloads on it. */
  protected readonly changes = signal(0);

  protected readonly myId = computed(() => this.auth.user()?.id ?? null);
  /** High agreement over all text that comes mostly from text neither coded: said in plain words. */
  protected readonly mostlyUncoded = computed(() => {
    const result = this.result();
    return result !== null && agreementMostlyUncoded(result);
  });
  /** The transcripts the figures were computed over, by title. */
  protected readonly usedTitles = computed(() => {
    const titles = new Map(this.documents().map((d) => [d.id, d.title]));
    return (this.result()?.documentIds ?? []).map((id) => titles.get(id) ?? '?').join(', ');
  });
  protected readonly canCode = computed(() => allows(this.project(), 'code'));
  protected readonly nameA = computed(() => this.namesOf(this.coderA()));
  protected readonly nameB = computed(() => this.namesOf(this.coderB()));
  protected readonly sortedDocuments = computed(() =>
    [...this.documents()].sort((a, b) => a.title.localeCompare(b.title, this.i18n.locale(), { numeric: true })),
  );
  /** The transcripts the side-by-side view may open: the chosen ones, or all. */
  protected readonly viewableDocuments = computed(() => {
    const chosen = this.documentIds();
    return chosen.length === 0 ? this.sortedDocuments() : this.sortedDocuments().filter((d) => chosen.includes(d.id));
  });
  protected readonly rows = computed<Row[]>(() => {
    const result = this.result();
    if (!result) return [];
    const byId = new Map(this.codes().map((c) => [c.id, c]));
    const perCode = result.perCode
      .map((c) => ({
        ...c,
        name: byId.get(c.codeId)?.name ?? this.i18n.t('agreement.unknownCode'),
        color: byId.get(c.codeId)?.color ?? null,
      }))
      .sort((a, b) => a.name.localeCompare(b.name, this.i18n.locale()));
    return [{ ...result, codeId: null, name: this.i18n.t('agreement.pooled'), color: null }, ...perCode];
  });
  /** Where the selected code is used: the side-by-side view opens the first of these. */
  protected readonly selectedCodeDocuments = computed(
    () => this.result()?.perCode.find((c) => c.codeId === this.selectedCode())?.documentIds ?? [],
  );
  protected readonly selectedCodeObject = computed(
    () => this.codes().find((c) => c.id === this.selectedCode()) ?? null,
  );

  protected readonly kappaBand = kappaBand;
  protected readonly alphaAdvice = alphaAdvice;

  constructor() {
    effect(() => {
      const id = this.projectId();
      untracked(() => void this.load(id));
    });
    // Someone codes, adopts or removes a coding: the figures move with it (a burst counts once).
    effect((onCleanup) => {
      const id = this.projectId();
      untracked(() => {
        const leave = this.events.join(id);
        let timer: ReturnType<typeof setTimeout> | undefined;
        const changed = (event: { projectId: string }) => {
          if (event.projectId !== id) return;
          clearTimeout(timer);
          timer = setTimeout(() => {
            this.changes.update((n) => n + 1);
            this.refresh();
          }, 400);
        };
        const stops = [
          this.events.on('coding:created', changed),
          this.events.on('coding:updated', changed),
          this.events.on('coding:deleted', changed),
          this.events.on('coding:batch', changed),
        ];
        onCleanup(() => {
          clearTimeout(timer);
          stops.forEach((stop) => stop());
          leave();
        });
      });
    });
    effect(() => {
      const a = this.coderA();
      const b = this.coderB();
      const documents = this.documentIds();
      this.documentsMode();
      if (this.pageState() !== 'ready') return;
      untracked(() => void this.compute(a, b, documents));
    });
  }

  protected async load(projectId: string): Promise<void> {
    this.pageState.set('loading');
    try {
      const [project, members, documents, codes] = await Promise.all([
        this.projects.get(projectId),
        this.projects.members(projectId),
        this.documentsApi.list(projectId),
        this.codebook.list(projectId),
      ]);
      this.project.set(project);
      this.members.set(members);
      this.documents.set(documents);
      this.codes.set(codes);
      this.pageTitle.setText(`${this.i18n.t('title.agreement')} · ${project.name}`);
      // A sensible first comparison: the student (owner) against the supervisor, or the next member.
      const owner = members.find((m) => m.role === 'owner');
      const other =
        members.find((m) => m.role === 'supervisor') ?? members.find((m) => m !== owner && m.role !== 'viewer');
      if (owner) this.coderA.set([owner.userId]);
      if (other) this.coderB.set([other.userId]);
      this.pageState.set('ready');
    } catch (err) {
      this.pageState.set(errorStatus(err) === 404 ? 'missing' : 'failed');
    }
  }

  /** Called after an adoption: the figures changed. */
  protected refresh(): void {
    void this.compute(this.coderA(), this.coderB(), this.documentIds());
  }

  protected setSide(side: 'a' | 'b', ids: string[]): void {
    // Nobody can be on both sides: picking someone for one side takes them off the other.
    const other = side === 'a' ? this.coderB : this.coderA;
    other.update((current) => current.filter((id) => !ids.includes(id)));
    (side === 'a' ? this.coderA : this.coderB).set(ids);
  }

  protected select(row: Row): void {
    if (row.codeId) this.selectedCode.set(row.codeId);
  }

  protected format(value: number | null, digits = 3): string {
    return value === null
      ? '—'
      : new Intl.NumberFormat(this.i18n.locale(), {
          minimumFractionDigits: digits,
          maximumFractionDigits: digits,
        }).format(value);
  }

  protected percent(value: number | null): string {
    return value === null
      ? '—'
      : new Intl.NumberFormat(this.i18n.locale(), { style: 'percent', maximumFractionDigits: 1 }).format(value);
  }

  private async compute(a: string[], b: string[], documentIds: string[]): Promise<void> {
    if (a.length === 0 || b.length === 0) {
      this.result.set(null);
      this.resultState.set('ready');
      return;
    }
    // Figures already shown stay while new ones load (the side-by-side view keeps its place).
    if (this.resultState() !== 'ready' || !this.result()) this.resultState.set('loading');
    this.reloading.set(true);
    try {
      const mode = this.documentsMode();
      const result = await this.api.figures(this.projectId(), { coderA: a, coderB: b }, documentIds, mode);
      // A newer choice may have been made while this one was on its way.
      if (a !== this.coderA() || b !== this.coderB() || documentIds !== this.documentIds()) return;
      if (mode !== this.documentsMode()) return;
      this.reloading.set(false);
      this.result.set(result);
      const selected = this.selectedCode();
      if (!selected || !result.perCode.some((c) => c.codeId === selected)) {
        this.selectedCode.set(this.rows()[1]?.codeId ?? null);
      }
      this.resultState.set('ready');
    } catch (err) {
      this.reloading.set(false);
      this.result.set(null);
      this.resultState.set(errorStatus(err) === 403 ? 'forbidden' : 'failed');
    }
  }

  /** The table as a file with its method paragraph, for the choice on the page, in the reader's language. */
  protected async download(file: 'agreement.xlsx' | 'agreement.csv' | 'agreement.docx'): Promise<void> {
    try {
      await this.api.download(
        this.projectId(),
        file,
        { coderA: this.coderA(), coderB: this.coderB() },
        this.documentIds(),
        this.documentsMode(),
        this.i18n.lang(),
      );
    } catch (err) {
      this.notify.error('agreement.export.failed', err);
    }
  }

  private namesOf(ids: string[]): string {
    const byId = new Map(this.members().map((m) => [m.userId, m.name]));
    return ids.map((id) => byId.get(id) ?? '?').join(', ');
  }
}
