import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '../../core/i18n/t.pipe';

@Component({
  selector: 'tolk-not-found-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatButtonModule, TranslatePipe],
  template: `
    <h1>{{ 'notFound.heading' | t }}</h1>
    <p class="page-lead">{{ 'notFound.text' | t }}</p>
    <p>
      <a mat-stroked-button routerLink="/projects">{{ 'notFound.back' | t }}</a>
    </p>
  `,
})
export class NotFoundPage {}
