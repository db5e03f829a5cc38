import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog, MatDialogConfig } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoDirective } from '@jsverse/transloco';
import {
  type Code,
  type CreateCodeProposalRequest,
  MAX_CODE_DEFINITION_LENGTH,
  may,
  type ProjectRole,
  type Segment,
  type UpdateCodeRequest,
} from '@tolk/contracts';
import { AnalysisApi } from '../analysis/analysis.api';
import { CodebookApi } from '../coding/codebook.api';
import { MemoDialog, type MemoDialogData } from '../coding/memo.dialog';
import { I18n } from '../core/i18n/i18n.service';
import { Notify } from '../core/notify.service';
import { Icon } from '../shared/ui/icon';
import { ProposalsApi } from './proposals.api';

/** The definition form's fields, as the inputs hold them. */
interface Draft {
  description: string;
  whenToUse: string;
  whenNotToUse: string;
  /** '' for no example. */
  exampleCodingId: string;
}

/**
 * One code's definition on the Codebook page: the description, when to use
 * the code and when not to, and the example quote taken from one of its
 * codings; its memo one click away. Whoever may edit the codebook changes
 * the definition here; whoever may only propose (the supervisor) sends the
 * same form as a proposal for the owner to accept.
 */
@Component({
  selector: 'tolk-code-definition',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, Icon, TranslocoDirective],
  templateUrl: './code-definition.html',
  styleUrl: './code-definition.scss',
})
export class CodeDefinition {
  private readonly codebook = inject(CodebookApi);
  private readonly proposals = inject(ProposalsApi);
  private readonly analysis = inject(AnalysisApi);
  private readonly dialog = inject(MatDialog);
  private readonly notify = inject(Notify);
  protected readonly i18n = inject(I18n);

  readonly projectId = input.required<string>();
  readonly role = input.required<ProjectRole>();
  readonly code = input.required<Code>();
  /** The definition changed here (or a proposal was sent): the page reloads. */
  readonly changed = output();

  protected readonly maxLength = MAX_CODE_DEFINITION_LENGTH;
  protected readonly canEdit = computed(() => may(this.role(), 'manageCodebook'));
  protected readonly canPropose = computed(() => !this.canEdit() && may(this.role(), 'proposeCodebookChange'));
  protected readonly canWriteMemo = computed(() => may(this.role(), 'editMemos'));
  protected readonly hasDefinition = computed(() => {
    const c = this.code();
    return Boolean(c.description || c.whenToUse || c.whenNotToUse || c.exampleQuote);
  });

  protected readonly editing = signal(false);
  protected readonly busy = signal(false);
  protected readonly draft = signal<Draft>({ description: '', whenToUse: '', whenNotToUse: '', exampleCodingId: '' });
  /** This code's own codings (not its sub-codes'), to choose the example from; loaded when the form opens. */
  protected readonly candidates = signal<readonly Segment[] | null>(null);

  protected open(): void {
    const c = this.code();
    this.draft.set({
      description: c.description,
      whenToUse: c.whenToUse ?? '',
      whenNotToUse: c.whenNotToUse ?? '',
      exampleCodingId: c.exampleCodingId ?? '',
    });
    this.editing.set(true);
    void this.loadCandidates();
  }

  protected setDraft(patch: Partial<Draft>): void {
    this.draft.update((d) => ({ ...d, ...patch }));
  }

  /** «Informant 2, lines 45–47» for a candidate. */
  protected citation(s: Segment): string {
    return this.i18n.t('coding.citation', {
      document: s.documentTitle,
      start: s.lineStart,
      end: s.lineEnd,
      count: s.lineEnd - s.lineStart + 1,
    });
  }

  protected shortQuote(quote: string): string {
    const flat = quote.replace(/\s+/g, ' ').trim();
    return flat.length > 90 ? `${flat.slice(0, 89)}…` : flat;
  }

  protected async save(): Promise<void> {
    const c = this.code();
    const d = this.draft();
    const changes: Omit<UpdateCodeRequest, 'version'> = {};
    if (d.description.trim() !== c.description) changes.description = d.description.trim();
    if (d.whenToUse.trim() !== (c.whenToUse ?? '')) changes.whenToUse = d.whenToUse.trim();
    if (d.whenNotToUse.trim() !== (c.whenNotToUse ?? '')) changes.whenNotToUse = d.whenNotToUse.trim();
    if (d.exampleCodingId !== (c.exampleCodingId ?? '')) changes.exampleCodingId = d.exampleCodingId || null;
    if (Object.keys(changes).length === 0) {
      this.editing.set(false);
      return;
    }
    this.busy.set(true);
    try {
      if (this.canEdit()) {
        await this.codebook.update(c.id, { ...changes, version: c.version });
        this.notify.info('codebook.definition.saved', { name: c.name });
      } else {
        const { exampleCodingId, ...text } = changes;
        const request: CreateCodeProposalRequest = {
          kind: 'describe',
          codeId: c.id,
          ...text,
          ...(exampleCodingId ? { exampleCodingId } : {}),
        };
        await this.proposals.propose(this.projectId(), request);
        this.notify.info('codebook.proposed');
      }
      this.editing.set(false);
      this.changed.emit();
    } catch (err) {
      this.notify.error(this.canEdit() ? 'codebook.definition.saveFailed' : 'codebook.proposeFailed', err);
    } finally {
      this.busy.set(false);
    }
  }

  /** The code's memo: a live document everyone but viewers writes in. */
  protected openMemo(): void {
    const c = this.code();
    const data: MemoDialogData = { target: { kind: 'code', id: c.id }, name: c.name, canWrite: this.canWriteMemo() };
    this.dialog.open<MemoDialog, MemoDialogData>(
      MemoDialog,
      Object.assign(new MatDialogConfig<MemoDialogData>(), { data, width: '40rem', maxWidth: '95vw' }),
    );
  }

  private async loadCandidates(): Promise<void> {
    if (this.candidates() !== null) return;
    try {
      const segments = await this.analysis.segments(this.projectId(), { codeId: this.code().id, limit: 500 });
      this.candidates.set(segments.filter((s) => s.codeId === this.code().id));
    } catch (err) {
      this.candidates.set([]);
      this.notify.error('codebook.definition.examplesFailed', err);
    }
  }
}
