import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { DocumentAttributes } from '@tolk/contracts';

/**
 * Document attributes (e.g. utdanning: sosionom) as quiet chips. A list, so
 * a screen reader announces how many there are.
 */
@Component({
  selector: 'tolk-attribute-chips',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (entries().length) {
      <ul [attr.aria-label]="label()">
        @for (entry of entries(); track entry[0]) {
          <li>
            <span class="key">{{ entry[0] }}:</span> {{ entry[1] }}
          </li>
        }
      </ul>
    }
  `,
  styles: `
    ul {
      display: flex;
      flex-wrap: wrap;
      gap: 0.375rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    li {
      padding: 0.125rem 0.625rem;
      border-radius: 8px;
      border: 1px solid var(--mat-sys-outline-variant);
      background: var(--mat-sys-surface-container);
      color: var(--mat-sys-on-surface);
      font: var(--mat-sys-label-large);
      white-space: nowrap;
    }
    .key {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class AttributeChips {
  readonly attributes = input.required<DocumentAttributes>();
  readonly label = input<string>();
  protected readonly entries = computed(() => Object.entries(this.attributes()).sort(([a], [b]) => a.localeCompare(b)));
}
