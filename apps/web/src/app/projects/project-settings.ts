import { ChangeDetectionStrategy, Component, OnInit, inject, input, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { type Project, SEARCH_LANGUAGES, type SearchLanguage } from '@tolk/contracts';
import { AuditLogSection } from '../audit/audit-log';
import { PseudonymsSection } from '../pseudonyms/pseudonyms-section';
import { RetentionSection } from '../retention/retention-section';
import { RecordingRetentionSection } from '../recordings/recording-retention-section';
import type { TranslationKey } from '../core/i18n/i18n.service';
import { TranslocoDirective } from '@jsverse/transloco';
import { Notify } from '../core/notify.service';
import { confirm } from '../shared/ui/confirm-dialog';
import { PROJECT_DESCRIPTION_MAX, PROJECT_NAME_MAX } from './create-project.dialog';
import { ProjectsApi } from './projects.api';

/** Owner-only: name, description, the collaboration settings, the search language, deletion. */
@Component({
  selector: 'tolk-project-settings',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    AuditLogSection,
    PseudonymsSection,
    RetentionSection,
    RecordingRetentionSection,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatSlideToggleModule,
    TranslocoDirective,
  ],
  templateUrl: './project-settings.html',
  styleUrl: './project-settings.scss',
})
export class ProjectSettingsSection implements OnInit {
  private readonly api = inject(ProjectsApi);
  private readonly dialog = inject(MatDialog);
  private readonly notify = inject(Notify);

  readonly project = input.required<Project>();
  readonly updated = output<Project>();
  readonly deleted = output();

  protected readonly nameMax = PROJECT_NAME_MAX;
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(PROJECT_NAME_MAX)]],
    description: ['', Validators.maxLength(PROJECT_DESCRIPTION_MAX)],
    supervisorCanEditText: [false],
    blindCoding: [false],
    // The form's value type comes from this literal: without the assertion it would be any string.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    searchLanguage: ['norwegian' as SearchLanguage],
  });
  protected readonly searchLanguages = SEARCH_LANGUAGES;
  protected readonly languageLabels: Record<SearchLanguage, TranslationKey> = {
    norwegian: 'settings.searchLanguage.norwegian',
    english: 'settings.searchLanguage.english',
  };
  protected readonly busy = signal(false);

  ngOnInit(): void {
    const project = this.project();
    this.form.reset({
      name: project.name,
      description: project.description ?? '',
      supervisorCanEditText: project.settings?.supervisorCanEditText ?? false,
      blindCoding: project.settings?.blindCoding ?? false,
      searchLanguage: project.settings?.searchLanguage ?? 'norwegian',
    });
  }

  protected async save(): Promise<void> {
    const name = this.form.controls.name.value.trim();
    if (!name) this.form.controls.name.setValue('');
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { description, supervisorCanEditText, blindCoding, searchLanguage } = this.form.getRawValue();
    this.busy.set(true);
    try {
      const saved = await this.api.update(this.project().id, {
        name,
        description: description.trim(),
        settings: { supervisorCanEditText, blindCoding, searchLanguage },
      });
      this.form.markAsPristine();
      this.updated.emit({ ...this.project(), ...saved });
      this.notify.info('settings.saved');
    } catch (err) {
      this.notify.error('settings.saveFailed', err);
    } finally {
      this.busy.set(false);
    }
  }

  protected async remove(): Promise<void> {
    const project = this.project();
    const yes = await confirm(this.dialog, {
      title: 'settings.delete.title',
      message: 'settings.delete.message',
      confirm: 'settings.delete.confirm',
      params: { name: project.name },
      destructive: true,
    });
    if (!yes) return;
    try {
      await this.api.remove(project.id);
      this.notify.info('settings.deleted', { name: project.name });
      this.deleted.emit();
    } catch (err) {
      this.notify.error('settings.deleteFailed', err);
    }
  }
}
