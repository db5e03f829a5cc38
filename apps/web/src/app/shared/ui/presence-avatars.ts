import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslocoDirective } from '@jsverse/transloco';
import { initials } from '../../core/realtime/user-color';

export interface PresencePerson {
  /** Stable per person (the user id). */
  key: string;
  name: string;
  color: string;
  self?: boolean;
}

/**
 * Who is here: small round initials in each person's colour, their names in
 * a tooltip and (for screen readers) as the list's text.
 */
@Component({
  selector: 'tolk-presence-avatars',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatTooltipModule, TranslocoDirective],
  template: `<ng-container *transloco="let t">
    @if (people().length) {
      <ul [attr.aria-label]="label()" [class.small]="size() === 'small'">
        @for (person of shown(); track person.key) {
          <li
            [style.background-color]="person.color"
            [matTooltip]="person.self ? t('collab.you', { name: person.name }) : person.name"
          >
            <span aria-hidden="true">{{ initialsOf(person.name) }}</span>
            <span class="visually-hidden">{{
              person.self ? t('collab.you', { name: person.name }) : person.name
            }}</span>
          </li>
        }
        @if (hidden().length) {
          <li class="more" [matTooltip]="hiddenNames()">
            <span aria-hidden="true">+{{ hidden().length }}</span>
            <span class="visually-hidden">{{ t('collab.more', { count: hidden().length }) }}: {{ hiddenNames() }}</span>
          </li>
        }
      </ul>
    }
  </ng-container> `,
  styles: `
    :host {
      display: inline-flex;
    }
    ul {
      display: flex;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    li {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      width: 2rem;
      height: 2rem;
      border-radius: 50%;
      // A ring in the page colour separates overlapping avatars.
      box-shadow: 0 0 0 2px var(--mat-sys-surface);
      color: #fff;
      font: 600 0.75rem/1 var(--mat-sys-body-large-font);
      letter-spacing: 0.02em;
      cursor: default;
      user-select: none;
    }
    li + li {
      margin-left: -0.25rem;
    }
    .small li {
      width: 1.5rem;
      height: 1.5rem;
      font-size: 0.625rem;
    }
    .more {
      background: var(--mat-sys-surface-container-highest);
      color: var(--mat-sys-on-surface);
    }
  `,
})
export class PresenceAvatars {
  readonly people = input.required<readonly PresencePerson[]>();
  /** What the group is, e.g. "In this document". */
  readonly label = input.required<string>();
  readonly size = input<'small' | 'medium'>('medium');
  readonly max = input(5);

  protected readonly shown = computed(() => {
    const people = this.people();
    // With one too many, showing everyone beats a "+1".
    return people.length <= this.max() + 1 ? people : people.slice(0, this.max());
  });
  protected readonly hidden = computed(() => this.people().slice(this.shown().length));
  protected readonly hiddenNames = computed(() =>
    this.hidden()
      .map((p) => p.name)
      .join(', '),
  );
  protected readonly initialsOf = initials;
}
