import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslocoDirective } from '@jsverse/transloco';
import { formatTimestamp } from '@tolk/contracts';
import { I18n } from '../core/i18n/i18n.service';
import { Notify } from '../core/notify.service';
import { confirm } from '../shared/ui/confirm-dialog';
import { Icon } from '../shared/ui/icon';
import { RATES, RecordingPlayer, SKIP_MS } from './recording-player';
import { Waveform } from './waveform';

/** `00:12:34`, as the marks in the text but without brackets. */
export function clock(ms: number): string {
  return formatTimestamp(ms).slice(1, -1);
}

/**
 * The recording above the transcript: the upload's progress (resumable),
 * and the transcriber's player — play/pause with a short rewind, skips,
 * speed without a change of pitch, a time mark with the speaker's label
 * inserted at the caret, where the others are listening, and the owner's
 * «Slett opptaket». Keys work wherever the focus is on the page.
 */
@Component({
  selector: 'tolk-recording-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatMenuModule, MatProgressBarModule, MatTooltipModule, Icon, TranslocoDirective, Waveform],
  templateUrl: './recording-panel.html',
  styleUrl: './recording-panel.scss',
  host: { '(document:keydown)': 'onKey($event)' },
})
export class RecordingPanel {
  protected readonly player = inject(RecordingPlayer);
  private readonly dialog = inject(MatDialog);
  private readonly i18n = inject(I18n);
  private readonly notify = inject(Notify);

  readonly documentTitle = input.required<string>();
  readonly canDelete = input(false);
  /** The text can be typed into here: offer the time mark. */
  readonly canWrite = input(false);
  /** The labels of the transcript's speakers, in order of appearance. */
  readonly speakers = input<readonly string[]>([]);
  /** Insert `[00:12:34] Speaker: ` at the caret. */
  readonly insertTurn = output<string>();

  private readonly audio = viewChild<ElementRef<HTMLAudioElement>>('audio');

  protected readonly rates = RATES;
  protected readonly clock = clock;
  protected readonly skipSeconds = SKIP_MS / 1000;
  /** The speaker whose label the next time mark carries; null: the first one offered. */
  private readonly chosenSpeaker = signal<string | null>(null);
  protected readonly speakerChoices = computed(() => {
    const found = this.speakers();
    return found.length > 0
      ? found
      : [this.i18n.t('recording.speaker.interviewer'), this.i18n.t('recording.speaker.informant')];
  });
  protected readonly speaker = computed(() => {
    const chosen = this.chosenSpeaker();
    const choices = this.speakerChoices();
    return chosen !== null && choices.includes(chosen) ? chosen : choices[0];
  });
  protected readonly uploadPercent = computed(() => {
    const upload = this.player.upload();
    return upload.phase === 'sending' && upload.size > 0 ? Math.floor((upload.sent / upload.size) * 100) : 0;
  });
  protected readonly megabytes = (bytes: number): number => Math.round(bytes / 104_857.6) / 10;
  protected readonly uploadError = computed(() => {
    const upload = this.player.upload();
    return upload.phase === 'failed' ? this.i18n.explain(upload.error) : '';
  });

  constructor() {
    effect(() => this.player.attachAudio(this.audio()?.nativeElement ?? null));
  }

  protected chooseSpeaker(name: string): void {
    this.chosenSpeaker.set(name);
  }

  /** The mark with the chosen label; the next one gets the next speaker (interviews alternate). */
  protected insertMark(): void {
    if (!this.canWrite()) return;
    const speaker = this.speaker();
    this.insertTurn.emit(`${formatTimestamp(this.player.positionMs())} ${speaker}: `);
    const choices = this.speakerChoices();
    this.chosenSpeaker.set(choices[(choices.indexOf(speaker) + 1) % choices.length]);
  }

  protected onSeek(event: Event): void {
    this.player.seek(Number((event.target as HTMLInputElement).value));
  }

  protected onRate(event: Event): void {
    this.player.setRate(Number((event.target as HTMLSelectElement).value));
  }

  protected async remove(): Promise<void> {
    const ok = await confirm(this.dialog, {
      title: 'recording.delete.title',
      message: 'recording.delete.message',
      confirm: 'recording.delete.confirm',
      params: { title: this.documentTitle() },
      destructive: true,
    });
    if (!ok) return;
    try {
      await this.player.remove();
      this.notify.info('recording.deleted');
    } catch (err) {
      this.notify.error('recording.delete.failed', err);
    }
  }

  /**
   * The transcriber's keys, as in the usual transcription programs: Esc
   * plays and pauses, F1/F2 skip back and forward, F3/F4 slow down and speed
   * up, Ctrl+J (⌘J) inserts the time mark. Not inside dialogs and popovers.
   */
  protected onKey(event: KeyboardEvent): void {
    if (!this.player.info() || event.defaultPrevented || event.altKey) return;
    const target = event.target;
    if (target instanceof Element && target.closest('.cdk-overlay-container')) return;
    const mod = event.ctrlKey || event.metaKey;
    let act: (() => void) | null = null;
    if (!mod && event.key === 'Escape') act = () => this.player.toggle();
    else if (!mod && event.key === 'F1') act = () => this.player.skip(-SKIP_MS);
    else if (!mod && event.key === 'F2') act = () => this.player.skip(SKIP_MS);
    else if (!mod && event.key === 'F3') act = () => this.player.stepRate(-1);
    else if (!mod && event.key === 'F4') act = () => this.player.stepRate(1);
    else if (mod && !event.shiftKey && event.key.toLowerCase() === 'j' && this.canWrite())
      act = () => this.insertMark();
    if (!act) return;
    event.preventDefault();
    act();
  }
}
