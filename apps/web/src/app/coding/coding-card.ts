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
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { CodingAction, CodingVersion } from '@tolk/contracts';
import type { TranslationKey } from '../core/i18n/i18n.service';
import { I18n } from '../core/i18n/i18n.service';
import { TranslocoDirective } from '@jsverse/transloco';
import { Icon } from '../shared/ui/icon';
import { CodePicker } from './code-picker';
import { CodingStore } from './coding.store';
import type { Edge } from './resize-handles';
import { RecordingPlayer } from '../recordings/recording-player';

const ACTIONS: Record<CodingAction, TranslationKey> = {
  created: 'history.created',
  recoded: 'history.recoded',
  resized: 'history.resized',
  deleted: 'history.deleted',
  restored: 'history.restored',
};

/**
 * One coding, opened from its stripe or from the codings list: its code,
 * who coded it and when, the words; its history; change its code or remove
 * it when the role allows.
 */
@Component({
  selector: 'tolk-coding-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, CodePicker, Icon, TranslocoDirective],
  template: `<ng-container *transloco="let t">
    <section
      class="card"
      role="dialog"
      [attr.aria-labelledby]="titleId"
      [attr.aria-describedby]="resizable() ? hintId : null"
      tabindex="-1"
      (keydown)="onKey($event)"
    >
      @if (placed(); as p) {
        <header>
          <span class="dot" [style.background-color]="p.code?.color ?? '#888'" aria-hidden="true"></span>
          <h2 [id]="titleId">{{ p.code?.name ?? t('coding.unknownCode') }}</h2>
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
        <p class="meta">
          {{
            t('coding.by', {
              name: store.memberName(p.coding.createdBy),
              when: i18n.formatDateTime(p.coding.createdAt),
            })
          }}
        </p>
        @if (p.status === 'ok') {
          <p class="citation" data-test="citation">{{ t('coding.citation', store.citation(p)) }}</p>
        }
        @if (p.status === 'deleted') {
          <p class="quote quote--gone">{{ t('coding.textDeleted') }}</p>
        } @else {
          <blockquote class="quote">{{ p.quote }}</blockquote>
        }
        @if (resizable() && view() === 'details') {
          <p class="hint" [id]="hintId" data-test="resize-hint">{{ t('coding.resizeHint') }}</p>
        }

        @switch (view()) {
          @case ('recode') {
            <tolk-code-picker
              [embedded]="true"
              [codes]="store.flat()"
              [heading]="t('coding.changeCode')"
              [currentCodeId]="p.coding.codeId"
              (picked)="recode($event)"
            />
            <div class="actions">
              <button mat-button type="button" (click)="view.set('details')">{{ t('action.cancel') }}</button>
            </div>
          }
          @case ('history') {
            <h3 class="history-title">{{ t('coding.history') }}</h3>
            @if (history(); as versions) {
              <ol class="history">
                @for (v of versions; track v.version; let i = $index) {
                  <li>
                    <div class="history-line">
                      <span class="version">v{{ v.version }}</span>
                      <strong>{{ t(actionKey(v)) }}</strong>
                    </div>
                    <div class="history-meta">
                      {{ v.actor.name ?? t('coding.someone') }} · {{ i18n.formatDateTime(v.at) }}
                    </div>
                    <div class="history-code">
                      <span
                        class="dot dot--small"
                        [style.background-color]="codeColor(v.codeId)"
                        aria-hidden="true"
                      ></span>
                      {{ codeName(v.codeId) }}
                    </div>
                    <!-- The words where they changed, and as first coded; the current ones are above. -->
                    @if (
                      v.quote &&
                      (v.quote !== (i === 0 ? p.quote : versions[i - 1].quote) || (i > 0 && i === versions.length - 1))
                    ) {
                      <q>{{ v.quote }}</q>
                    }
                  </li>
                }
              </ol>
            } @else if (historyFailed()) {
              <p class="form-error" role="alert">{{ t('coding.historyFailed') }}</p>
            } @else {
              <p class="muted" role="status">{{ t('common.loading') }}</p>
            }
            <div class="actions">
              <button mat-button type="button" (click)="view.set('details')">{{ t('coding.backToDetails') }}</button>
            </div>
          }
          @default {
            <div class="actions">
              @if (listenAt(); as ms) {
                <button mat-button type="button" data-test="listen" (click)="player?.playFrom(ms.at)">
                  <tolk-icon name="play" />{{ t('recording.listen') }}
                </button>
              }
              <button mat-button type="button" (click)="showHistory()">
                <tolk-icon name="history" />{{ t('coding.history') }}
              </button>
              @if (p.status === 'ok' && p.code && (store.canEditCodebook() || store.canOnlyProposeCodebook())) {
                @if (p.code.exampleCodingId === p.coding.id) {
                  <span class="example-note" data-test="is-example">{{ t('coding.example.is') }}</span>
                } @else {
                  <button mat-button type="button" data-test="use-as-example" (click)="useAsExample()">
                    <tolk-icon name="check" />{{
                      t(store.canEditCodebook() ? 'coding.example.use' : 'coding.example.propose')
                    }}
                  </button>
                }
              }
              @if (store.canCode()) {
                @if (p.status !== 'deleted') {
                  <button mat-button type="button" (click)="view.set('recode')">
                    <tolk-icon name="tag" />{{ t('coding.changeCode') }}
                  </button>
                }
                <button mat-button type="button" class="danger" (click)="remove()">
                  <tolk-icon name="delete" />{{ t('coding.remove') }}
                </button>
              }
            </div>
          }
        }
      } @else {
        <header>
          <h2 [id]="titleId">{{ t('coding.gone') }}</h2>
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
      }
    </section>
  </ng-container> `,
  styleUrl: './coding-card.scss',
})
export class CodingCard {
  protected readonly store = inject(CodingStore);
  protected readonly i18n = inject(I18n);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly codingId = input.required<string>();
  readonly closed = output();
  /** Shift+arrows: move an end of the coding by a word (the page shows and saves it). */
  readonly nudge = output<{ edge: Edge; dir: 1 | -1 }>();

  protected readonly titleId = `tolk-coding-${Math.random().toString(36).slice(2)}`;
  protected readonly hintId = `${this.titleId}-hint`;
  protected readonly view = signal<'details' | 'history' | 'recode'>('details');
  protected readonly history = signal<CodingVersion[] | null>(null);
  protected readonly historyFailed = signal(false);
  protected readonly placed = computed(() => this.store.placed().find((p) => p.coding.id === this.codingId()) ?? null);
  protected readonly player = inject(RecordingPlayer, { optional: true });
  /** «Hør utdraget»: where the passage's nearest time mark puts it in the recording (page with a recording only). */
  protected readonly listenAt = computed(() => {
    const p = this.placed();
    if (!this.player?.info() || !p || p.status !== 'ok') return null;
    const at = this.player.timeOf(p.from);
    return at === null ? null : { at };
  });
  /** Its words are in the text and this person may change it: the ends can be moved. */
  protected readonly resizable = computed(() => this.store.canCode() && this.placed()?.status === 'ok');

  constructor() {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('.card')?.focus());
  }

  /** Shift+→ / Shift+← move the end by a word; with Alt, the start. */
  protected onKey(event: KeyboardEvent): void {
    if (!event.shiftKey || event.ctrlKey || event.metaKey || !this.resizable()) return;
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    // Inside a text field (the code picker's search) the keys select text.
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement) return;
    event.preventDefault();
    this.nudge.emit({ edge: event.altKey ? 'start' : 'end', dir: event.key === 'ArrowRight' ? 1 : -1 });
  }

  protected actionKey(version: CodingVersion): TranslationKey {
    return ACTIONS[version.action];
  }

  protected codeName(id: string): string {
    return this.store.codes().find((c) => c.id === id)?.name ?? this.i18n.t('coding.unknownCode');
  }

  protected codeColor(id: string): string {
    return this.store.codes().find((c) => c.id === id)?.color ?? '#888';
  }

  protected async showHistory(): Promise<void> {
    this.view.set('history');
    this.history.set(null);
    this.historyFailed.set(false);
    try {
      // Newest first: what changed last is what one looks for.
      this.history.set((await this.store.history(this.codingId())).reverse());
    } catch {
      this.historyFailed.set(true);
    }
  }

  protected async recode(codeId: string): Promise<void> {
    const p = this.placed();
    if (!p) return;
    if (await this.store.recode(p.coding, codeId)) this.view.set('details');
  }

  protected async useAsExample(): Promise<void> {
    const p = this.placed();
    if (p) await this.store.useAsExample(p.coding);
  }

  protected async remove(): Promise<void> {
    const p = this.placed();
    if (!p) return;
    if (await this.store.removeCoding(p.coding)) this.closed.emit();
  }
}
