import { Injectable, computed, inject, signal } from '@angular/core';
import { type RecordingInfo, textTimestamps, timeAt } from '@tolk/contracts';
import type { CollabSession } from '../core/collab/collab-session';
import { RecordingsApi } from './recordings.api';
import { forgetUpload, isSameFile, rememberUpload, type UnfinishedUpload, unfinishedUpload } from './unfinished-upload';

/** Pausing steps back this far, so the last words are heard again on resume (transcribers expect it). */
export const AUTO_REWIND_MS = 2_000;
/** What "back" and "forward" skip. */
export const SKIP_MS = 5_000;
export const RATES = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;
/** While playing, the position goes to the others this often at most. */
const SHARE_EVERY_MS = 1_000;

/** What one listener tells the others through the document's awareness. */
export interface ListeningState {
  ms: number;
  playing: boolean;
}

/** Someone else with the recording open, and where they are in it. */
export interface PeerPosition {
  key: string;
  name: string;
  color: string;
  ms: number;
  playing: boolean;
}

export type UploadState =
  | { phase: 'idle' }
  | { phase: 'sending'; sent: number; size: number; name: string }
  | { phase: 'checking'; name: string }
  | { phase: 'failed'; name: string; error: unknown };

/**
 * The transcript page's recording: its metadata, the one `<audio>` element
 * that plays it, the upload, and the positions of the others listening
 * (shared through the document's Yjs awareness, like cursors). Provided by
 * the page, so a coding card there can play its passage.
 */
@Injectable()
export class RecordingPlayer {
  private readonly api = inject(RecordingsApi);

  readonly info = signal<RecordingInfo | null>(null);
  readonly loading = signal(true);
  readonly upload = signal<UploadState>({ phase: 'idle' });
  readonly playing = signal(false);
  readonly positionMs = signal(0);
  readonly rate = signal(1);
  readonly peers = signal<readonly PeerPosition[]>([]);
  /** An upload of this transcript's recording that stopped (e.g. the page was closed), to go on with. */
  readonly unfinished = signal<UnfinishedUpload | null>(null);

  readonly durationMs = computed(() => this.info()?.durationMs ?? 0);

  private audio: HTMLAudioElement | null = null;
  private session: CollabSession | null = null;
  private documentId: string | null = null;
  private lastShared = 0;
  private pendingFile: File | null = null;
  private uploadUrl: string | null = null;

  /** Reads the transcript's recording (none yet is not an error). */
  async load(documentId: string): Promise<void> {
    this.documentId = documentId;
    this.unfinished.set(unfinishedUpload(localStorage, documentId));
    this.loading.set(true);
    try {
      const info = await this.api.info(documentId);
      if (documentId === this.documentId) this.info.set(info);
    } finally {
      if (documentId === this.documentId) this.loading.set(false);
    }
  }

  /** The page's live session: positions go out and come in through its awareness. */
  attachSession(session: CollabSession | null): () => void {
    this.session = session;
    if (!session) return () => undefined;
    const awareness = session.provider.awareness;
    const read = (): void => this.readPeers();
    awareness.on('change', read);
    this.readPeers();
    return () => {
      awareness.off('change', read);
      if (this.session === session) this.session = null;
    };
  }

  /** The element the panel draws; events keep the signals current. */
  attachAudio(audio: HTMLAudioElement | null): void {
    this.audio = audio;
    if (!audio) return;
    audio.preservesPitch = true;
    audio.playbackRate = this.rate();
    audio.ontimeupdate = () => {
      this.positionMs.set(Math.round(audio.currentTime * 1000));
      this.share(false);
    };
    audio.onplay = () => {
      this.playing.set(true);
      this.share(true);
    };
    audio.onpause = () => {
      this.playing.set(false);
      this.share(true);
    };
    audio.onseeked = () => {
      this.positionMs.set(Math.round(audio.currentTime * 1000));
      this.share(true);
    };
  }

  toggle(): void {
    const audio = this.audio;
    if (!audio) return;
    if (audio.paused) void audio.play().catch(() => this.playing.set(false));
    else this.pause();
  }

  /** Pausing rewinds a little, so resuming repeats the last words. */
  pause(): void {
    const audio = this.audio;
    if (!audio || audio.paused) return;
    audio.pause();
    this.seek(audio.currentTime * 1000 - AUTO_REWIND_MS);
  }

  skip(ms: number): void {
    if (this.audio) this.seek(this.audio.currentTime * 1000 + ms);
  }

  seek(ms: number): void {
    const audio = this.audio;
    if (!audio) return;
    const end = this.durationMs() || Number.MAX_SAFE_INTEGER;
    const to = Math.min(Math.max(0, ms), end);
    audio.currentTime = to / 1000;
    this.positionMs.set(Math.round(to));
  }

  /** Plays from `ms` ("hør utdraget", a click on a time mark). */
  playFrom(ms: number): void {
    const audio = this.audio;
    if (!audio) return;
    this.seek(ms);
    if (audio.paused) void audio.play().catch(() => this.playing.set(false));
  }

  /** The time of the passage starting at `offset` of the live text, or null when no mark precedes it. */
  timeOf(offset: number): number | null {
    const text = this.session?.text.toString();
    return text === undefined ? null : timeAt(textTimestamps(text), offset);
  }

  setRate(rate: number): void {
    this.rate.set(rate);
    if (this.audio) this.audio.playbackRate = rate;
  }

  /** One step slower or faster among `RATES`. */
  stepRate(dir: 1 | -1): void {
    const i = RATES.findIndex((r) => r >= this.rate());
    const next = RATES[Math.min(RATES.length - 1, Math.max(0, (i < 0 ? RATES.length - 1 : i) + dir))];
    this.setRate(next);
  }

  /** Sends the file (tus); a failure can be resumed with `resume()`, from where the server stands. */
  async startUpload(file: File): Promise<void> {
    const documentId = this.documentId;
    if (!documentId) return;
    this.pendingFile = file;
    this.upload.set({ phase: 'sending', sent: 0, size: file.size, name: file.name });
    try {
      this.uploadUrl = (await this.earlierUpload(documentId, file)) ?? (await this.api.start(documentId, file));
      rememberUpload(localStorage, documentId, { uploadUrl: this.uploadUrl, name: file.name, size: file.size });
      await this.send(documentId, file, this.uploadUrl);
    } catch (error) {
      this.upload.set({ phase: 'failed', name: file.name, error });
    }
  }

  async resume(): Promise<void> {
    const file = this.pendingFile;
    const documentId = this.documentId;
    if (!file || !documentId) return;
    if (!this.uploadUrl) return this.startUpload(file);
    try {
      await this.send(documentId, file, this.uploadUrl);
    } catch (error) {
      this.upload.set({ phase: 'failed', name: file.name, error });
    }
  }

  cancelUpload(): void {
    if (this.documentId) forgetUpload(localStorage, this.documentId);
    this.unfinished.set(null);
    this.pendingFile = null;
    this.uploadUrl = null;
    this.upload.set({ phase: 'idle' });
  }

  /** «Slett opptaket» (owner, after a confirmation). */
  async remove(): Promise<void> {
    const documentId = this.documentId;
    if (!documentId) return;
    this.audio?.pause();
    await this.api.remove(documentId);
    this.info.set(null);
    this.positionMs.set(0);
    this.share(true);
  }

  /** The recording went away elsewhere (deleted by the owner in another tab). */
  forget(): void {
    this.info.set(null);
  }

  /** The upload URL of this file's unfinished upload, if the server still has it (it answers where it stands). */
  private async earlierUpload(documentId: string, file: File): Promise<string | null> {
    const earlier = unfinishedUpload(localStorage, documentId);
    if (!earlier || !isSameFile(earlier, file)) return null;
    try {
      await this.api.offset(earlier.uploadUrl);
      return earlier.uploadUrl;
    } catch {
      // Gone (finished, deleted, or someone else's): start afresh.
      return null;
    }
  }

  private async send(documentId: string, file: File, uploadUrl: string): Promise<void> {
    await this.api.send(uploadUrl, file, ({ sent, size }) =>
      this.upload.set({ phase: 'sending', sent, size, name: file.name }),
    );
    // The server reads type and duration from the bytes after the last one arrived.
    this.upload.set({ phase: 'checking', name: file.name });
    const info = await this.api.info(documentId);
    forgetUpload(localStorage, documentId);
    this.unfinished.set(null);
    this.pendingFile = null;
    this.uploadUrl = null;
    this.info.set(info);
    this.upload.set({ phase: 'idle' });
  }

  /** Position changes (play, pause, seek) go out at once; the running position once a second. */
  private share(now: boolean): void {
    const awareness = this.session?.provider.awareness;
    if (!awareness) return;
    const time = Date.now();
    if (!now && time - this.lastShared < SHARE_EVERY_MS) return;
    this.lastShared = time;
    const listening: ListeningState | null = this.info() ? { ms: this.positionMs(), playing: this.playing() } : null;
    awareness.setLocalStateField('listening', listening);
  }

  private readPeers(): void {
    const awareness = this.session?.provider.awareness;
    if (!awareness) return;
    const self = awareness.clientID;
    const peers: PeerPosition[] = [];
    awareness.getStates().forEach((state, clientId) => {
      if (clientId === self) return;
      const { user, listening } = state as {
        user?: { id?: unknown; name?: unknown; color?: unknown };
        listening?: Partial<ListeningState> | null;
      };
      if (!user || typeof user.name !== 'string' || !listening || typeof listening.ms !== 'number') return;
      peers.push({
        key: typeof user.id === 'string' ? user.id : `client:${clientId}`,
        name: user.name,
        color: typeof user.color === 'string' ? user.color : '#666',
        ms: listening.ms,
        playing: listening.playing === true,
      });
    });
    peers.sort((a, b) => a.name.localeCompare(b.name));
    this.peers.set(peers);
  }
}
