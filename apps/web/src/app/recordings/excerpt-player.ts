import {
  ChangeDetectionStrategy,
  Component,
  Injectable,
  type OnDestroy,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslocoDirective } from '@jsverse/transloco';
import { formatTimestamp, type RecordingInfo } from '@tolk/contracts';
import { Icon } from '../shared/ui/icon';
import { RecordingsApi } from './recordings.api';

/**
 * «Hør utdraget» away from the transcript page (Analyse → segments): one
 * `<audio>` element for the whole list, playing one passage at a time from
 * its time mark. Provide it in the component that lists the passages, so
 * what it knows about recordings lives as long as the list.
 */
@Injectable()
export class ExcerptPlayer implements OnDestroy {
  private readonly api = inject(RecordingsApi);
  private readonly recordings = new Map<string, Promise<RecordingInfo | null>>();
  private readonly found = signal<ReadonlyMap<string, RecordingInfo | null>>(new Map());
  private audio: HTMLAudioElement | null = null;

  /** The passage playing now: `documentId@ms`. */
  readonly playing = signal<string | null>(null);

  /** The transcript's recording once known (null: none; undefined: still asking). */
  recordingOf(documentId: string): RecordingInfo | null | undefined {
    if (!this.recordings.has(documentId)) {
      const asked = this.api.info(documentId).catch(() => null);
      this.recordings.set(documentId, asked);
      void asked.then((info) => this.found.update((m) => new Map(m).set(documentId, info)));
    }
    return this.found().get(documentId);
  }

  /** Plays the passage from `ms`, or stops it when it is the one playing. */
  async toggle(documentId: string, ms: number): Promise<void> {
    const key = `${documentId}@${ms}`;
    const audio = this.element();
    if (this.playing() === key) {
      audio.pause();
      return;
    }
    const info = await this.recordings.get(documentId);
    if (!info) return;
    audio.pause();
    if (audio.dataset['documentId'] !== documentId) {
      audio.src = info.audioUrl;
      audio.dataset['documentId'] = documentId;
    }
    audio.currentTime = ms / 1000;
    this.playing.set(key);
    await audio.play().catch(() => this.playing.set(null));
  }

  ngOnDestroy(): void {
    this.audio?.pause();
    this.audio?.remove();
  }

  private element(): HTMLAudioElement {
    if (this.audio) return this.audio;
    const audio = document.createElement('audio');
    audio.preload = 'none';
    audio.hidden = true;
    audio.dataset['test'] = 'excerpt-audio';
    audio.onpause = () => this.playing.set(null);
    audio.onended = () => this.playing.set(null);
    document.body.append(audio);
    this.audio = audio;
    return audio;
  }
}

/**
 * A passage's time (`[00:12:34]`, its nearest preceding time mark) and, when
 * the transcript has a recording, «Hør utdraget» to play it from there.
 * Needs an `ExcerptPlayer` from a parent's providers.
 */
@Component({
  selector: 'tolk-excerpt-time',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, Icon, TranslocoDirective],
  template: `<ng-container *transloco="let t">
    <span class="time" data-test="segment-time">{{ mark() }}</span>
    @if (hasRecording()) {
      <button
        mat-button
        type="button"
        class="listen"
        data-test="segment-listen"
        [attr.aria-pressed]="playing()"
        (click)="player.toggle(documentId(), ms())"
      >
        <tolk-icon [name]="playing() ? 'pause' : 'play'" />{{
          t(playing() ? 'recording.stopExcerpt' : 'recording.listen')
        }}
      </button>
    }
  </ng-container>`,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
    }
    .time {
      font-variant-numeric: tabular-nums;
    }
    .listen {
      --mat-button-text-container-height: 1.75rem;
    }
  `,
})
export class ExcerptTime {
  protected readonly player = inject(ExcerptPlayer);

  readonly documentId = input.required<string>();
  readonly ms = input.required<number>();

  protected readonly mark = computed(() => formatTimestamp(this.ms()));
  protected readonly hasRecording = computed(() => !!this.player.recordingOf(this.documentId()));
  protected readonly playing = computed(() => this.player.playing() === `${this.documentId()}@${this.ms()}`);
}
