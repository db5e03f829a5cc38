import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog, MatDialogConfig } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatMenuModule } from '@angular/material/menu';
import { MatSelectModule } from '@angular/material/select';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { Router, RouterLink } from '@angular/router';
import type { Code, DocumentSummary, Member, Project } from '@tolk/contracts';
import { CodebookApi } from '../coding/codebook.api';
import { AuthService } from '../core/auth/auth.service';
import { errorStatus } from '../core/http/api-error';
import { I18n } from '../core/i18n/i18n.service';
import { PageTitle } from '../core/i18n/page-title.service';
import { TranslocoDirective } from '@jsverse/transloco';
import { Notify } from '../core/notify.service';
import { DocumentsApi } from '../documents/documents.api';
import { allows } from '../projects/permissions';
import { ProjectsApi } from '../projects/projects.api';
import { Icon } from '../shared/ui/icon';
import { AnalysisApi, type ExportFile } from './analysis.api';
import { ChartsSection } from './charts-section';
import { type CoderChoice, coderChoices, coderColumns, defaultCoderChoice, exportParams } from './coder-choice';
import { QuerySection } from './query-section';
import { ReportDialog, type ReportDialogData } from './report.dialog';
import { SearchSection } from './search-section';
import { SegmentsSection } from './segments-section';
import { loadState } from '../shared/load-state';
import { WordsSection } from './words-section';

const TABS = ['charts', 'segments', 'queries', 'search', 'words'] as const;
type Tab = (typeof TABS)[number];

/** A project's analysis: charts, retrieval of coded segments, search, and the exports. */
@Component({
  selector: 'tolk-analysis-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatMenuModule,
    MatSelectModule,
    MatProgressBarModule,
    MatTabsModule,
    Icon,
    ChartsSection,
    SegmentsSection,
    QuerySection,
    SearchSection,
    WordsSection,
    TranslocoDirective,
  ],
  templateUrl: './analysis.page.html',
  styleUrl: './analysis.page.scss',
})
export class AnalysisPage {
  private readonly projects = inject(ProjectsApi);
  private readonly codebook = inject(CodebookApi);
  private readonly documentsApi = inject(DocumentsApi);
  private readonly api = inject(AnalysisApi);
  private readonly router = inject(Router);
  private readonly pageTitle = inject(PageTitle);
  private readonly notify = inject(Notify);
  private readonly i18n = inject(I18n);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);

  /** From the route (`projects/:projectId/analysis`). */
  readonly projectId = input.required<string>();
  /** `?tab=segments|queries|search`: the open tab can be linked to. */
  readonly tab = input<string>();

  protected readonly state = loadState<'missing'>();
  protected readonly project = signal<Project | null>(null);
  protected readonly codes = signal<Code[]>([]);
  protected readonly documents = signal<DocumentSummary[]>([]);
  protected readonly members = signal<Member[]>([]);
  protected readonly tabIndex = computed(() => Math.max(0, TABS.indexOf(this.tab() as Tab)));
  protected readonly attributeNames = computed(() =>
    [...new Set(this.documents().flatMap((d) => Object.keys(d.attributes)))].sort(),
  );
  protected readonly canCode = computed(() => allows(this.project(), 'code'));
  protected readonly canSaveQueries = computed(() => allows(this.project(), 'saveQueries'));

  /** «Kodet av»: whose codings every view, chart and export counts (one choice for the whole page). */
  protected readonly coderChoice = signal<CoderChoice>('merged');
  protected readonly me = computed(() => this.auth.user()?.id ?? '');
  protected readonly coderChoices = computed(() => {
    const project = this.project();
    return project ? coderChoices(project.role, project.settings, this.me(), this.members()) : [];
  });
  protected readonly coderColumns = computed(() => coderColumns(this.coderChoice(), this.me(), this.members()));
  protected readonly onlyMine = computed(() => this.coderChoices().length === 1);
  /** Words count one person's codings, or everyone's (side by side and merged alike: words have no columns). */
  protected readonly wordCoders = computed(() => {
    const choice = this.coderChoice();
    return choice === 'side' || choice === 'merged' ? {} : exportParams(choice, this.me());
  });

  constructor() {
    effect(() => {
      const id = this.projectId();
      untracked(() => void this.load(id));
    });
  }

  protected async load(id = this.projectId()): Promise<void> {
    this.state.set('loading');
    try {
      const [project, codes, documents, members] = await Promise.all([
        this.projects.get(id),
        this.codebook.list(id),
        this.documentsApi.list(id),
        this.projects.members(id),
      ]);
      this.project.set(project);
      this.codes.set(codes);
      this.documents.set(documents);
      this.members.set(members);
      this.coderChoice.set(defaultCoderChoice(project.role, project.settings));
      this.pageTitle.setText(`${this.i18n.t('analysis.heading')} · ${project.name}`);
      this.state.set('ready');
    } catch (err) {
      this.state.set(errorStatus(err) === 404 ? 'missing' : 'failed');
    }
  }

  /** The words of one «Kodet av» choice. */
  protected choiceLabel(choice: CoderChoice): string {
    if (choice === 'mine') return this.i18n.t('analysis.codedBy.mine');
    if (choice === 'side') return this.i18n.t('analysis.codedBy.side');
    if (choice === 'merged') return this.i18n.t('analysis.codedBy.merged');
    const id = choice.slice('person:'.length);
    return this.members().find((m) => m.userId === id)?.name ?? id;
  }

  protected selectTab(index: number): void {
    const tab = TABS[index];
    void this.router.navigate([], { queryParams: { tab: tab === 'charts' ? null : tab }, replaceUrl: true });
  }

  /** The quote report's dialog, with the page's «Kodet av» choices that name one set of people (the report merges). */
  protected openReport(): void {
    const choices: CoderChoice[] = this.coderChoices().filter((c) => c !== 'side');
    const current = this.coderChoice();
    const data: ReportDialogData = {
      projectId: this.projectId(),
      codes: this.codes(),
      coders: choices.map((c) => ({ key: c, label: this.choiceLabel(c), params: exportParams(c, this.me()) })),
      coder: choices.includes(current) ? current : choices[0],
    };
    const config = new MatDialogConfig<ReportDialogData>();
    config.data = data;
    config.autoFocus = 'first-tabbable';
    config.maxWidth = '95vw';
    this.dialog.open(ReportDialog, config);
  }

  protected async download(file: ExportFile): Promise<void> {
    try {
      const coders = exportParams(this.coderChoice(), this.me());
      await this.api.download(this.projectId(), file, this.i18n.lang(), undefined, coders);
    } catch (err) {
      this.notify.error('analysis.export.failed', err);
    }
  }
}
