import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { TranslocoDirective } from '@jsverse/transloco';

@Component({
  selector: 'tolk-not-found-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatButtonModule, TranslocoDirective],
  template: `<ng-container *transloco="let t">
    <h1>{{ t('notFound.heading') }}</h1>
    <p class="page-lead">{{ t('notFound.text') }}</p>
    <p>
      <a mat-stroked-button routerLink="/projects">{{ t('notFound.back') }}</a>
    </p>
  </ng-container> `,
})
export class NotFoundPage {}
