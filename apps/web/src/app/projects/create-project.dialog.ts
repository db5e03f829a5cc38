import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { Project } from '@tolk/contracts';
import { I18n } from '../core/i18n/i18n.service';
import { TranslocoDirective } from '@jsverse/transloco';
import { ProjectsApi } from './projects.api';

export const PROJECT_NAME_MAX = 200;
export const PROJECT_DESCRIPTION_MAX = 5000;

@Component({
  selector: 'tolk-create-project-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoDirective,
  ],
  template: `<ng-container *transloco="let t">
    <h2 mat-dialog-title>{{ t('projects.create') }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content class="form-stack">
        @if (failed()) {
          <div class="form-error" role="alert">
            {{ t('projects.createFailed') }}
            @for (line of details(); track $index) {
              <div>{{ line }}</div>
            }
          </div>
        }
        <mat-form-field>
          <mat-label>{{ t('field.projectName') }}</mat-label>
          <input matInput formControlName="name" required cdkFocusInitial />
          @if (form.controls.name.hasError('required')) {
            <mat-error>{{ t('validation.nameRequired') }}</mat-error>
          } @else if (form.controls.name.hasError('maxlength')) {
            <mat-error>{{ t('validation.tooLong', { max: nameMax }) }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ t('field.description') }}</mat-label>
          <textarea matInput formControlName="description" rows="4"></textarea>
          <mat-hint>{{ t('projects.descriptionHint') }}</mat-hint>
          @if (form.controls.description.hasError('maxlength')) {
            <mat-error>{{ t('validation.tooLong', { max: descriptionMax }) }}</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ t('action.cancel') }}</button>
        <button mat-flat-button type="submit" [disabled]="busy()">{{ t('action.create') }}</button>
      </mat-dialog-actions>
    </form>
  </ng-container> `,
})
export class CreateProjectDialog {
  private readonly i18n = inject(I18n);
  private readonly api = inject(ProjectsApi);
  private readonly ref = inject<MatDialogRef<CreateProjectDialog, Project>>(MatDialogRef);

  protected readonly nameMax = PROJECT_NAME_MAX;
  protected readonly descriptionMax = PROJECT_DESCRIPTION_MAX;
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(PROJECT_NAME_MAX)]],
    description: ['', Validators.maxLength(PROJECT_DESCRIPTION_MAX)],
  });
  protected readonly busy = signal(false);
  protected readonly failed = signal(false);
  protected readonly details = signal<string[]>([]);

  protected async submit(): Promise<void> {
    const name = this.form.controls.name.value.trim();
    if (!name) this.form.controls.name.setValue('');
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.failed.set(false);
    try {
      const description = this.form.controls.description.value.trim();
      const project = await this.api.create({ name, description });
      this.ref.close(project);
    } catch (err) {
      this.failed.set(true);
      this.details.set(this.i18n.reasonLines(err));
    } finally {
      this.busy.set(false);
    }
  }
}
