import { randomBytes } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const KEY_BYTES = 32;

/**
 * A 32-byte key kept outside the database: the configured one (base64, the
 * same on every instance), else the file `name` in the data directory, made
 * on first use (mode 0600) and read back, so that two processes starting at
 * once end up with the same key.
 */
export async function loadKey(configured: string | undefined, dataDir: string, name: string): Promise<Buffer> {
  if (configured !== undefined) return Buffer.from(configured, 'base64');
  const path = join(dataDir, name);
  try {
    const key = Buffer.from((await readFile(path, 'utf8')).trim(), 'base64');
    if (key.length === KEY_BYTES) return key;
    throw new Error(`${path} does not hold a base64 key of ${KEY_BYTES} bytes`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const key = randomBytes(KEY_BYTES);
    // 'wx': never overwrite a key another process made meanwhile.
    await writeFile(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' }).catch((e: unknown) => {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    });
    await chmod(path, 0o600);
    return Buffer.from((await readFile(path, 'utf8')).trim(), 'base64');
  }
}

/** Whether a setting holds a base64 key of 32 bytes. */
export function isKey(value: string): boolean {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === KEY_BYTES;
}
