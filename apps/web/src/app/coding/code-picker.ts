import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterNextRender,
  computed,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { TranslocoDirective } from '@jsverse/transloco';
import { type CodeNode, matchesQuery, pathLabel } from './code-tree';

interface Option {
  id: string;
  kind: 'code' | 'create';
  node?: CodeNode;
  shortcut?: string;
}

let nextId = 0;

/**
 * Find a code by typing and apply it with Enter: a combobox over the
 * codebook. Arrow keys move, Escape closes (the popover handles it), and
 * when the caller may change the codebook, an unknown name can be created
 * on the spot.
 */
@Component({
  selector: 'tolk-code-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoDirective],
  template: `<ng-container *transloco="let t">
    <div class="picker" [attr.role]="embedded() ? null : 'dialog'" [attr.aria-label]="embedded() ? null : heading()">
      @if (!embedded()) {
        <p class="heading" aria-hidden="true">{{ heading() }}</p>
      }
      <input
        #search
        class="search"
        type="text"
        role="combobox"
        autocomplete="off"
        spellcheck="false"
        aria-autocomplete="list"
        aria-expanded="true"
        [attr.aria-controls]="listId"
        [attr.aria-activedescendant]="activeOption() ? optionId(activeOption()!) : null"
        [attr.aria-label]="heading()"
        [placeholder]="t(canCreate() ? 'picker.placeholderCreate' : 'picker.placeholder')"
        [value]="query()"
        (input)="onInput($event)"
        (keydown)="onKey($event)"
      />
      <ul class="options" role="listbox" [id]="listId" [attr.aria-label]="t('picker.codes')">
        @for (option of options(); track option.id; let i = $index) {
          <li
            role="option"
            [id]="optionId(option)"
            [class.active]="i === active()"
            [class.create]="option.kind === 'create'"
            [attr.aria-selected]="i === active()"
            [style.padding-left.rem]="0.5 + (query() || !option.node ? 0 : option.node.depth * 0.875)"
            (mousedown)="$event.preventDefault()"
            (mouseenter)="active.set(i)"
            (click)="choose(option)"
          >
            @if (option.node; as node) {
              <span class="dot" [style.background-color]="node.code.color" aria-hidden="true"></span>
              <span class="name">
                @if (query() && node.path.length > 1) {
                  <span class="path">{{ parentPath(node) }} › </span>
                }
                {{ node.code.name }}
              </span>
              @if (node.code.id === currentCodeId()) {
                <span class="current">{{ t('picker.current') }}</span>
              }
              @if (option.shortcut) {
                <kbd [attr.aria-label]="t('picker.key', { key: option.shortcut })">{{ option.shortcut }}</kbd>
              }
            } @else {
              <span class="plus" aria-hidden="true">+</span>
              <span class="name">{{ t('picker.create', { name: query().trim() }) }}</span>
            }
          </li>
        } @empty {
          <li class="empty" role="presentation">
            {{ t(codes().length ? 'picker.noMatch' : canCreate() ? 'picker.emptyCreate' : 'picker.empty') }}
          </li>
        }
      </ul>
      <p class="hint" aria-hidden="true">{{ t('picker.hint') }}</p>
    </div>
  </ng-container> `,
  styles: `
    :host {
      display: block;
    }
    .picker {
      width: 18rem;
      max-width: calc(100vw - 2rem);
      padding: 0.5rem;
      box-sizing: border-box;
      background: var(--mat-sys-surface-container-lowest);
      color: var(--mat-sys-on-surface);
      border-radius: 12px;
      box-shadow: var(--mat-sys-level2);
      border: 1px solid var(--mat-sys-outline-variant);
      font: var(--mat-sys-body-medium);
    }
    :host(.embedded) .picker {
      width: auto;
      padding: 0;
      box-shadow: none;
      border: 0;
      background: transparent;
    }
    .heading {
      margin: 0.125rem 0.25rem 0.375rem;
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
    }
    .search {
      width: 100%;
      box-sizing: border-box;
      padding: 0.5rem 0.625rem;
      border: 1px solid var(--mat-sys-outline);
      border-radius: 8px;
      background: var(--mat-sys-surface);
      color: inherit;
      font: inherit;
      &:focus {
        outline: 2px solid var(--mat-sys-primary);
        outline-offset: -1px;
      }
    }
    .options {
      list-style: none;
      margin: 0.375rem 0 0;
      padding: 0;
      max-height: 15rem;
      overflow-y: auto;
    }
    li[role='option'] {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      padding: 0.375rem 0.5rem;
      border-radius: 6px;
      cursor: pointer;
      min-height: 1.75rem;
    }
    li.active {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .dot {
      flex: none;
      width: 0.625rem;
      height: 0.625rem;
      border-radius: 50%;
    }
    .name {
      flex: 1;
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .path,
    .current {
      color: var(--mat-sys-on-surface-variant);
    }
    .current {
      font: var(--mat-sys-label-small);
    }
    .plus {
      width: 0.625rem;
      text-align: center;
      font-weight: 600;
      color: var(--mat-sys-primary);
    }
    kbd {
      flex: none;
      min-width: 1.25rem;
      padding: 0 0.25rem;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 4px;
      font: var(--mat-sys-label-small);
      text-align: center;
      color: var(--mat-sys-on-surface-variant);
    }
    .empty {
      padding: 0.5rem;
      color: var(--mat-sys-on-surface-variant);
    }
    .hint {
      margin: 0.375rem 0.25rem 0;
      font: var(--mat-sys-label-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  host: { '[class.embedded]': 'embedded()' },
})
export class CodePicker {
  /** The codebook, depth first. */
  readonly codes = input.required<readonly CodeNode[]>();
  readonly canCreate = input(false);
  readonly heading = input('');
  readonly currentCodeId = input<string | null>(null);
  /** Inside another popover (changing a coding's code): no frame of its own. */
  readonly embedded = input(false);

  readonly picked = output<string>();
  readonly create = output<string>();

  protected readonly listId = `tolk-picker-${nextId++}`;
  protected readonly query = signal('');
  protected readonly active = signal(0);
  private readonly search = viewChild.required<ElementRef<HTMLInputElement>>('search');
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly options = computed<Option[]>(() => {
    const query = this.query();
    const found: Option[] = this.codes()
      .filter(
        (node) =>
          matchesQuery(node.code.name, query) || (query.includes('›') && matchesQuery(pathLabel(node.path), query)),
      )
      .map((node) => ({ id: node.code.id, kind: 'code', node, shortcut: node.code.shortcut ?? undefined }));
    const name = query.trim();
    const exists = this.codes().some(
      (n) => n.code.name.toLocaleLowerCase() === name.toLocaleLowerCase() && n.depth === 0,
    );
    if (this.canCreate() && name && !exists) found.push({ id: '+create', kind: 'create' });
    return found;
  });
  protected readonly activeOption = computed(() => this.options()[this.active()] ?? null);

  constructor() {
    afterNextRender(() => this.search().nativeElement.focus());
  }

  focus(): void {
    this.search().nativeElement.focus();
  }

  protected optionId(option: Option): string {
    return `${this.listId}-${option.id}`;
  }

  protected parentPath(node: CodeNode): string {
    return pathLabel(node.path.slice(0, -1));
  }

  protected onInput(event: Event): void {
    this.query.set((event.target as HTMLInputElement).value);
    this.active.set(0);
  }

  protected onKey(event: KeyboardEvent): void {
    const count = this.options().length;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (count) this.active.set((this.active() + 1) % count);
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (count) this.active.set((this.active() - 1 + count) % count);
        break;
      case 'Home':
      case 'End':
        if (!event.shiftKey && count && !this.query()) {
          event.preventDefault();
          this.active.set(event.key === 'Home' ? 0 : count - 1);
        }
        break;
      case 'Enter': {
        event.preventDefault();
        const option = this.activeOption();
        if (option) this.choose(option);
        break;
      }
      default:
        return;
    }
    this.scrollActiveIntoView();
  }

  protected choose(option: Option): void {
    if (option.kind === 'create') this.create.emit(this.query().trim());
    else this.picked.emit(option.id);
  }

  private scrollActiveIntoView(): void {
    queueMicrotask(() => {
      const option = this.activeOption();
      if (!option) return;
      this.host.nativeElement
        .querySelector(`#${CSS.escape(this.optionId(option))}`)
        ?.scrollIntoView({ block: 'nearest' });
    });
  }
}
