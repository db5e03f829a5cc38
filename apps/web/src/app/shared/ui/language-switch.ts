import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { I18n, LANGUAGES, type Lang } from '../../core/i18n/i18n.service';
import { TranslocoDirective } from '@jsverse/transloco';

/**
 * Two always-visible choices instead of a menu: one click, and a reader who
 * does not understand the current language still recognises their own.
 */
@Component({
  selector: 'tolk-language-switch',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonToggleModule, TranslocoDirective],
  template: `<ng-container *transloco="let t">
    <mat-button-toggle-group
      hideSingleSelectionIndicator
      [attr.aria-label]="t('lang.label')"
      [value]="i18n.lang()"
      (change)="choose($event.value)"
    >
      @for (language of languages; track language.code) {
        <mat-button-toggle [value]="language.code" [attr.lang]="language.code">
          {{ language.name }}
        </mat-button-toggle>
      }
    </mat-button-toggle-group>
  </ng-container> `,
  styles: `
    mat-button-toggle-group {
      --mat-button-toggle-height: 36px;
      --mat-button-toggle-shape: 18px;
      font-size: 0.875rem;
    }
  `,
})
export class LanguageSwitch {
  protected readonly i18n = inject(I18n);
  protected readonly languages = LANGUAGES;

  protected choose(lang: Lang): void {
    void this.i18n.use(lang);
  }
}
