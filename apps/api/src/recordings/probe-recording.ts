import { parseBuffer } from 'music-metadata';
import { DomainError } from '../platform/domain-error.js';

/** What reading a recording's bytes found out. */
export interface RecordingProbe {
  contentType: string;
  format: string;
  durationMs: number;
}

/** The containers Tolk plays, as music-metadata names them, and the type a browser plays them as. */
const CONTAINERS: [RegExp, string][] = [
  [/^MPEG$/i, 'audio/mpeg'],
  [/^(M4A|mp4|isom|iso\d|mp42|M4B)/i, 'audio/mp4'],
  [/^ADTS$/i, 'audio/aac'],
  [/^WAVE$/i, 'audio/wav'],
  [/^Ogg$/i, 'audio/ogg'],
  [/^EBML\/webm$/i, 'audio/webm'],
];

export const ACCEPTED_RECORDINGS = ['mp3', 'm4a', 'aac', 'wav', 'ogg', 'opus', 'webm'];

const refused = (why: string) =>
  new DomainError('unsupported_recording', `The file is not a recording Tolk can play: ${why}`, {
    accepted: ACCEPTED_RECORDINGS,
  });

/**
 * Reads a whole uploaded recording (in a parser thread): its container and
 * codec from the bytes, never from the name or the announced type, and its
 * duration (scanning the frames where the header does not say).
 */
export async function probeRecording(bytes: Uint8Array): Promise<RecordingProbe> {
  let format;
  try {
    ({ format } = await parseBuffer(bytes, { size: bytes.byteLength }, { duration: true, skipCovers: true }));
  } catch (error) {
    throw refused((error as Error).message);
  }
  const container = format.container ?? '';
  const contentType = CONTAINERS.find(([pattern]) => pattern.test(container))?.[1];
  if (!contentType) throw refused(`its container is ${container || 'unknown'}`);
  const duration = format.duration;
  if (duration === undefined || !Number.isFinite(duration) || duration <= 0 || !format.numberOfChannels)
    throw refused('it holds no audio');
  const codec =
    !format.codec || format.codec.startsWith(container) ? (format.codec ?? container) : `${container} ${format.codec}`;
  return { contentType, format: codec.slice(0, 100), durationMs: Math.round(duration * 1000) };
}
