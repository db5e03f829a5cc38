import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import type { AuditEntry, AuditQuery } from '@tolk/contracts';
import type { TranslationKey } from '../core/i18n/i18n.service';
import { I18n } from '../core/i18n/i18n.service';
import { TranslocoDirective } from '@jsverse/transloco';
import { Notify } from '../core/notify.service';
import { AuditApi } from './audit.api';
import { loadState } from '../shared/load-state';

const PAGE = 50;
/** The kinds of entries one can filter by (`<kind>.*`). */
export const AUDIT_KINDS = [
  'document',
  'coding',
  'comment',
  'code',
  'member',
  'project',
  'snapshot',
  'export',
  'import',
] as const;

/** Owner-only: who read and changed what in the project, newest first, with a CSV download. */
@Component({
  selector: 'tolk-audit-log',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatFormFieldModule, MatProgressBarModule, MatSelectModule, TranslocoDirective],
  templateUrl: './audit-log.html',
  styleUrl: './audit-log.scss',
})
export class AuditLogSection {
  private readonly api = inject(AuditApi);
  private readonly i18n = inject(I18n);
  private readonly notify = inject(Notify);

  readonly projectId = input.required<string>();

  protected readonly kinds = AUDIT_KINDS;
  protected readonly kind = signal<string>('');
  protected readonly entries = signal<AuditEntry[]>([]);
  protected readonly total = signal(0);
  protected readonly state = loadState();

  constructor() {
    // The section stays when the route moves to another project: load per project.
    effect(() => {
      this.projectId();
      untracked(() => void this.load());
    });
  }

  protected filter(kind: string): void {
    this.kind.set(kind);
    void this.load();
  }

  async load(more = false): Promise<void> {
    const projectId = this.projectId();
    await this.state.load(
      () => this.api.list(projectId, { ...this.query(), limit: PAGE, offset: more ? this.entries().length : 0 }),
      (page) => {
        this.entries.set(more ? [...this.entries(), ...page.entries] : page.entries);
        this.total.set(page.total);
      },
      { quietly: more },
    );
  }

  protected async download(): Promise<void> {
    try {
      const blob = await this.api.csv(this.projectId(), this.query());
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `audit-${this.projectId()}.csv`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      this.notify.error('audit.downloadFailed', err);
    }
  }

  protected kindLabel(kind: (typeof AUDIT_KINDS)[number]): string {
    return this.i18n.t(`audit.kind.${kind}`);
  }

  protected when(entry: AuditEntry): string {
    return this.i18n.formatDateTime(entry.at);
  }

  protected who(entry: AuditEntry): string {
    if (!entry.actor) return this.i18n.t('audit.nobody');
    return entry.actor.name ?? this.i18n.t('audit.deletedUser');
  }

  /** "Read the transcript" for known actions; the raw action for ones this client does not know. */
  protected what(entry: AuditEntry): string {
    const key = `audit.action.${entry.action}` as TranslationKey;
    const text = this.i18n.t(key);
    return text === key ? entry.action : text;
  }

  /** The name or title the entry carries, if any. */
  protected detail(entry: AuditEntry): string {
    const { title, name, role } = entry.details as { title?: unknown; name?: unknown; role?: unknown };
    const label = [entry.documentTitle, title, name].find((v): v is string => typeof v === 'string');
    if (label) return label;
    return typeof role === 'string' ? this.i18n.t(`role.${role}` as TranslationKey) : '';
  }

  private query(): AuditQuery {
    return this.kind() ? { action: `${this.kind()}.*` } : {};
  }
}
