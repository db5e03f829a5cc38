import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { ImportSkipped, ImportSummary } from '@tolk/contracts';
import type { TranslationKey } from '../core/i18n/i18n.service';
import { I18n } from '../core/i18n/i18n.service';
import { TranslocoDirective } from '@jsverse/transloco';

const UNIT_KEYS: Record<NonNullable<ImportSummary['offsetUnit']>, TranslationKey> = {
  codepoints: 'exchange.unit.codepoints',
  utf16: 'exchange.unit.utf16',
  'codepoints-crlf1': 'exchange.unit.codepointsCrlf1',
  'utf16-crlf1': 'exchange.unit.utf16Crlf1',
};

/** What an import brought in, what it left out and why, and how it read offsets. */
@Component({
  selector: 'tolk-import-summary',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoDirective],
  template: `<ng-container *transloco="let t">
    @let s = summary();
    <dl class="counts">
      @for (row of counts(); track row.key) {
        <div>
          <dt>{{ t(row.key) }}</dt>
          <dd>{{ row.value }}</dd>
        </div>
      }
    </dl>
    @if (s.offsetUnit; as unit) {
      <p class="muted">
        {{ t('exchange.summary.offsets', { unit: t(unitKeys[unit]) }) }}
        @if (s.offsetCheck.named > 0) {
          {{ t('exchange.summary.checked', { matched: s.offsetCheck.matched, named: s.offsetCheck.named }) }}
        }
      </p>
    }
    @if (coders()) {
      <p class="muted">{{ t('exchange.summary.coders', { coders: coders() }) }}</p>
    }
    @if (s.skipped.length > 0) {
      <details>
        <summary>{{ t('exchange.summary.skipped', { count: s.skipped.length }) }}</summary>
        <ul class="skipped">
          @for (item of s.skipped; track $index) {
            <li>
              <strong>{{ item.name }}</strong> — {{ why(item) }}
            </li>
          }
        </ul>
      </details>
    } @else {
      <p class="muted">{{ t('exchange.summary.nothingSkipped') }}</p>
    }
  </ng-container> `,
  styles: `
    :host {
      display: block;
    }
    .counts {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(7.5rem, 1fr));
      gap: 0.5rem 1rem;
      margin: 0 0 1rem;
    }
    .counts div {
      display: flex;
      flex-direction: column-reverse;
    }
    dt {
      font-size: 0.85rem;
      color: var(--tolk-muted, #5f6368);
    }
    dd {
      margin: 0;
      font-size: 1.4rem;
      font-variant-numeric: tabular-nums;
    }
    p {
      margin: 0 0 0.5rem;
    }
    details {
      margin-top: 0.75rem;
    }
    summary {
      cursor: pointer;
    }
    .skipped {
      max-height: 14rem;
      overflow: auto;
      padding-left: 1.25rem;
      margin: 0.5rem 0 0;
      font-size: 0.9rem;
    }
  `,
})
export class ImportSummaryView {
  readonly summary = input.required<ImportSummary>();
  /** A codebook import only adds codes: the other counts are left out. */
  readonly codebookOnly = input(false);

  private readonly i18n = inject(I18n);
  protected readonly unitKeys = UNIT_KEYS;
  protected readonly counts = computed(() => {
    const s = this.summary();
    const rows: { key: TranslationKey; value: number }[] = [{ key: 'exchange.summary.codes', value: s.codes }];
    if (!this.codebookOnly()) {
      rows.unshift({ key: 'exchange.summary.sources', value: s.sources });
      rows.push(
        { key: 'exchange.summary.codings', value: s.codings },
        { key: 'exchange.summary.notes', value: s.notes },
        { key: 'exchange.summary.attributes', value: s.attributes },
      );
    }
    return rows;
  });
  /** The reason in the reader's language, from its code (the server's English `reason` is for JSON readers). */
  protected why(item: ImportSkipped): string {
    const { codings, ...params } = item.params;
    const text = this.i18n.t(`exchange.skip.${item.reasonCode}`, params);
    return codings ? `${text} ${this.i18n.t('exchange.skip.codingsLost', { count: codings })}` : text;
  }

  protected readonly coders = computed(() =>
    this.summary()
      .coders.map((c) => `${c.name} (${c.codings})`)
      .join(', '),
  );
}
