import { ChangeDetectionStrategy, Component, input, model, output } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoDirective } from '@jsverse/transloco';

/**
 * A date from today on, with Save and (when a date is set) a button that
 * removes it: the form of the owner's dated rules in the project settings
 * (erase the project on…, delete the recordings by…). `save` carries the
 * date, or null to remove it; the section that owns the rule stores it.
 */
@Component({
  selector: 'tolk-date-rule-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, TranslocoDirective],
  template: `<div class="row" *transloco="let t">
    <mat-form-field subscriptSizing="dynamic">
      <mat-label>{{ label() }}</mat-label>
      <input matInput type="date" [min]="today" [ngModel]="date()" (ngModelChange)="date.set($event)" />
    </mat-form-field>
    <button mat-flat-button type="button" [disabled]="busy()" (click)="save.emit(date() || null)">
      {{ t('action.save') }}
    </button>
    @if (canClear()) {
      <button mat-button type="button" [disabled]="busy()" (click)="save.emit(null)">{{ clearLabel() }}</button>
    }
  </div>`,
  styles: `
    .row {
      display: flex;
      align-items: center;
      gap: 0.75rem;
      flex-wrap: wrap;
    }
  `,
})
export class DateRuleField {
  readonly label = input.required<string>();
  readonly clearLabel = input.required<string>();
  /** `yyyy-mm-dd`, or empty. */
  readonly date = model('');
  readonly canClear = input(false);
  readonly busy = input(false);
  readonly save = output<string | null>();

  protected readonly today = new Date().toISOString().slice(0, 10);
}
