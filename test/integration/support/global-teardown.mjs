import { rm } from 'node:fs/promises';

export default async function globalTeardown() {
  const state = globalThis.tolkTestDatabase;
  if (!state) return;
  await state.db.stop();
  await rm(state.dataDir, { recursive: true, force: true });
}
