import { existsSync } from 'node:fs';

/**
 * The built module of a worker thread, for a service whose module is at
 * `callerUrl` (its `import.meta.url`): the file beside it when the api runs
 * built, else the same path under `dist/` (tests run the api from its
 * sources, but a worker thread needs JavaScript).
 */
export function workerFile(callerUrl: string, fileName: string): string {
  const beside = new URL(`./${fileName}`, callerUrl);
  if (existsSync(beside)) return beside.href;
  return beside.href.replace('/apps/api/src/', '/dist/apps/api/');
}
