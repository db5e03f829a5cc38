import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/**
 * A handful of line icons drawn for Tolk. Inline SVG rather than an icon
 * font: a self-hosted install may have no internet access, and a missing
 * font would show ligature words ("delete") instead of pictures.
 */
const PATHS = {
  add: 'M12 5v14M5 12h14',
  edit: 'M4 20h4L19 9l-4-4L4 16zM13.5 6.5l4 4',
  delete: 'M4 7h16M10 7V4h4v3M6.5 7l1 13h9l1-13M10 11v5M14 11v5',
  back: 'M20 12H5M11 5l-7 7 7 7',
  upload: 'M12 15V4M7 9l5-5 5 5M5 20h14',
  download: 'M12 4v11M7 10l5 5 5-5M5 20h14',
  logout: 'M14 4h5v16h-5M9 8l-4 4 4 4M5 12h11',
  document: 'M7 3h7l5 5v13H7zM14 3v5h5M10 13h6M10 17h6',
  people:
    'M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zM3 20c0-3.3 2.7-6 6-6s6 2.7 6 6M16 4.5a3.5 3.5 0 0 1 0 6.5M18 14.5c1.8.8 3 2.8 3 5.5',
  settings: 'M4 7h9M17 7h3M4 17h3M11 17h9M15 5v4M9 15v4',
  check: 'M5 12.5l4.5 4.5L19 7.5',
  copy: 'M9 9h11v11H9zM15 5V4H4v11h1',
  /** Nothing drawn: keeps menu items aligned beside a checked one. */
  blank: '',
  lock: 'M7 11V8a5 5 0 0 1 10 0v3M5.5 11h13v9h-13z',
  close: 'M6 6l12 12M18 6L6 18',
  history: 'M4 12a8 8 0 1 0 2.3-5.6M4 4v3.5h3.5M12 8v4.5l3 2',
  tag: 'M3.5 12.5V4h8.5l8.5 8.5-8.5 8.5zM8 8.5h.01',
  comment: 'M5 5h14v10H10l-4 4v-4H5z',
  bell: 'M6 16V11a6 6 0 0 1 12 0v5l1.5 2h-15zM10 20.5h4',
  memo: 'M6 3h9l3 3v15H6zM9 9h6M9 13h6M9 17h4',
  more: 'M12 6h.01M12 12h.01M12 18h.01',
  search: 'M10.5 17a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13zM15.5 15.5L20 20',
  panel: 'M4 5h16v14H4zM14 5v14',
  reply: 'M10 8L5 12.5 10 17M5 12.5h9a5 5 0 0 1 5 5V19',
  filter: 'M4 6h16M7 12h10M10 18h4',
  compare: 'M4 5h6.5v14H4zM13.5 5H20v14h-6.5M7 9h1M16.5 9h1M7 13h1M16.5 13h1',
  chart: 'M4 20h16M7 16v-5M12 16V6M17 16v-8',
  play: 'M8 5.5l11 6.5-11 6.5z',
  pause: 'M8.5 5.5v13M15.5 5.5v13',
  rewind: 'M11.5 7l-6 5 6 5zM19 7l-6 5 6 5z',
  forward: 'M12.5 7l6 5-6 5zM5 7l6 5-6 5z',
  audio: 'M4 11v2M8 8v8M12 5v14M16 8v8M20 11v2',
  clock: 'M12 20.5a8.5 8.5 0 1 0 0-17 8.5 8.5 0 0 0 0 17zM12 7.5V12l3 2',
  keyboard: 'M3 7h18v10H3zM7 10h.01M11 10h.01M15 10h.01M7 14h10',
} as const;

export type IconName = keyof typeof PATHS;

@Component({
  selector: 'tolk-icon',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { 'aria-hidden': 'true', class: 'tolk-icon' },
  template: `
    <svg viewBox="0 0 24 24" width="20" height="20" focusable="false">
      <path [attr.d]="path()" />
    </svg>
  `,
  styles: `
    :host {
      display: inline-flex;
      vertical-align: middle;
      line-height: 0;
    }
    svg {
      fill: none;
      stroke: currentColor;
      stroke-width: 1.8;
      stroke-linecap: round;
      stroke-linejoin: round;
    }
  `,
})
export class Icon {
  readonly name = input.required<IconName>();
  protected readonly path = computed(() => PATHS[this.name()]);
}
