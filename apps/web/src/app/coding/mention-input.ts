import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  input,
  model,
  output,
  signal,
  viewChild,
} from '@angular/core';
import type { Member } from '@tolk/contracts';
import { TranslocoDirective } from '@jsverse/transloco';

/** `@` and what follows it up to the caret: the start of a member's name. */
const MENTION = /(?:^|\s)@([\p{L}\p{N}][\p{L}\p{N} .'’-]{0,40})?$/u;
const MAX_SUGGESTIONS = 6;
let nextId = 0;

/**
 * A comment box that suggests members after `@`: arrow keys choose, Enter or
 * Tab puts `@Full Name` in the text (the api matches full or first names),
 * Escape dismisses. Ctrl/Cmd+Enter sends.
 */
@Component({
  selector: 'tolk-mention-input',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoDirective],
  template: `<ng-container *transloco="let t">
    <div class="wrap">
      <textarea
        #area
        [id]="inputId()"
        [rows]="rows()"
        [attr.aria-label]="label()"
        [attr.aria-describedby]="hintId"
        aria-autocomplete="list"
        [attr.aria-controls]="suggestions().length ? listId : null"
        [attr.aria-activedescendant]="suggestions().length ? listId + '-' + active() : null"
        [placeholder]="placeholder()"
        [value]="value()"
        (input)="onInput()"
        (click)="detect()"
        (keydown)="onKey($event)"
        (blur)="query.set(null)"
      ></textarea>
      @if (suggestions().length) {
        <ul class="suggestions" role="listbox" [id]="listId" [attr.aria-label]="t('comments.mentionSuggestions')">
          @for (member of suggestions(); track member.userId; let i = $index) {
            <li
              role="option"
              [id]="listId + '-' + i"
              [class.active]="i === active()"
              [attr.aria-selected]="i === active()"
              (mousedown)="$event.preventDefault(); insert(member)"
            >
              {{ member.name }}
            </li>
          }
        </ul>
      }
      <span [id]="hintId" class="visually-hidden">{{ t('comments.mentionHint') }}</span>
      <span class="visually-hidden" aria-live="polite">
        @if (suggestions().length) {
          {{ t('comments.mentionCount', { count: suggestions().length }) }}
        }
      </span>
    </div>
  </ng-container> `,
  styles: `
    .wrap {
      position: relative;
    }
    textarea {
      display: block;
      width: 100%;
      box-sizing: border-box;
      resize: vertical;
      min-height: 2.5rem;
      padding: 0.5rem 0.625rem;
      border: 1px solid var(--mat-sys-outline);
      border-radius: 8px;
      background: var(--mat-sys-surface);
      color: var(--mat-sys-on-surface);
      font: var(--mat-sys-body-medium);
      line-height: 1.45;
      &:focus {
        outline: 2px solid var(--mat-sys-primary);
        outline-offset: -1px;
      }
    }
    .suggestions {
      position: absolute;
      z-index: 5;
      left: 0;
      right: 0;
      top: calc(100% + 2px);
      list-style: none;
      margin: 0;
      padding: 0.25rem;
      border-radius: 8px;
      border: 1px solid var(--mat-sys-outline-variant);
      background: var(--mat-sys-surface-container-lowest);
      box-shadow: var(--mat-sys-level2);
    }
    li {
      padding: 0.375rem 0.5rem;
      border-radius: 6px;
      cursor: pointer;
    }
    li.active {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
  `,
})
export class MentionInput {
  readonly value = model('');
  readonly members = input<readonly Pick<Member, 'userId' | 'name'>[]>([]);
  readonly label = input.required<string>();
  readonly placeholder = input('');
  readonly rows = input(2);
  readonly inputId = input(`tolk-mention-${nextId}`);
  readonly send = output();

  protected readonly listId = `tolk-mention-list-${nextId}`;
  protected readonly hintId = `tolk-mention-hint-${nextId++}`;
  /** The name typed after `@` so far (null: not in a mention). */
  protected readonly query = signal<string | null>(null);
  protected readonly active = signal(0);
  private readonly area = viewChild.required<ElementRef<HTMLTextAreaElement>>('area');

  protected readonly suggestions = computed(() => {
    const query = this.query();
    if (query === null) return [];
    const q = query.toLocaleLowerCase();
    return this.members()
      .filter((m) => {
        const name = m.name.toLocaleLowerCase();
        return name.startsWith(q) || name.split(/\s+/u).some((word) => word.startsWith(q));
      })
      .filter((m) => m.name.toLocaleLowerCase() !== q)
      .slice(0, MAX_SUGGESTIONS);
  });

  focus(): void {
    this.area().nativeElement.focus();
  }

  protected onInput(): void {
    this.value.set(this.area().nativeElement.value);
    this.detect();
  }

  protected detect(): void {
    const area = this.area().nativeElement;
    const before = area.value.slice(0, area.selectionStart);
    const match = MENTION.exec(before);
    this.query.set(match ? (match[1] ?? '') : null);
    this.active.set(0);
  }

  protected onKey(event: KeyboardEvent): void {
    const list = this.suggestions();
    if (list.length) {
      switch (event.key) {
        case 'ArrowDown':
          event.preventDefault();
          this.active.set((this.active() + 1) % list.length);
          return;
        case 'ArrowUp':
          event.preventDefault();
          this.active.set((this.active() - 1 + list.length) % list.length);
          return;
        case 'Enter':
        case 'Tab':
          if (event.ctrlKey || event.metaKey || event.shiftKey) break;
          event.preventDefault();
          this.insert(list[this.active()]);
          return;
        case 'Escape':
          event.preventDefault();
          event.stopPropagation();
          this.query.set(null);
          return;
      }
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      this.send.emit();
    }
  }

  protected insert(member: Pick<Member, 'name'>): void {
    const area = this.area().nativeElement;
    const caret = area.selectionStart;
    const before = area.value.slice(0, caret);
    const at = before.lastIndexOf('@');
    if (at === -1) return;
    const text = `${area.value.slice(0, at)}@${member.name} ${area.value.slice(caret)}`;
    this.value.set(text);
    area.value = text;
    const position = at + member.name.length + 2;
    area.setSelectionRange(position, position);
    this.query.set(null);
    area.focus();
  }
}
