import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterNextRender,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslocoDirective } from '@jsverse/transloco';
import { I18n } from '../core/i18n/i18n.service';
import { Icon } from '../shared/ui/icon';

/** What the card shows of one frozen coding. */
export interface FrozenCoding {
  codeName: string;
  color: string;
  quote: string;
  /** The parameters of `coding.citation`: «Informant 2, lines 45–47». */
  citation: { document: string; start: number; end: number; count: number };
}

/**
 * One coding as a snapshot froze it, opened from its bracket or its words:
 * the code, the citation by line and the words, and a button that copies
 * quote and citation together, so a thesis cites exactly what was submitted.
 * Nothing here changes anything.
 */
@Component({
  selector: 'tolk-snapshot-coding-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, Icon, TranslocoDirective],
  template: `<ng-container *transloco="let t">
    @let c = coding();
    <section class="card" role="dialog" [attr.aria-labelledby]="titleId" tabindex="-1">
      <header>
        <span class="dot" [style.background-color]="c.color" aria-hidden="true"></span>
        <h2 [id]="titleId">{{ c.codeName }}</h2>
        <button
          mat-icon-button
          type="button"
          class="close"
          [attr.aria-label]="t('action.close')"
          (click)="closed.emit()"
        >
          <tolk-icon name="close" />
        </button>
      </header>
      <p class="citation" data-test="citation">{{ t('coding.citation', c.citation) }}</p>
      <blockquote class="quote">{{ c.quote }}</blockquote>
      <div class="actions">
        <button mat-button type="button" data-test="copy-citation" (click)="copy()">
          <tolk-icon [name]="copied() ? 'check' : 'copy'" />{{
            copied() ? t('snapshot.copied') : t('snapshot.copyCitation')
          }}
        </button>
      </div>
    </section>
  </ng-container>`,
  styleUrl: '../coding/coding-card.scss',
})
export class SnapshotCodingCard {
  private readonly i18n = inject(I18n);
  readonly coding = input.required<FrozenCoding>();
  readonly closed = output();
  protected readonly copied = signal(false);
  protected readonly titleId = `snapshot-coding-${Math.random().toString(36).slice(2)}`;

  constructor() {
    const host = inject<ElementRef<HTMLElement>>(ElementRef);
    afterNextRender(() => host.nativeElement.querySelector<HTMLElement>('.card')?.focus());
  }

  /** «the words» (Informant 2, lines 45–47), as one would paste it into a text. */
  protected async copy(): Promise<void> {
    const c = this.coding();
    const text = this.i18n.t('snapshot.quoted', {
      quote: c.quote,
      citation: this.i18n.t('coding.citation', c.citation),
    });
    try {
      await navigator.clipboard.writeText(text);
      this.copied.set(true);
    } catch {
      this.copied.set(false);
    }
  }
}
