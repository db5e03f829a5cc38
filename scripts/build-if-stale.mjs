// `npm start` runs this first: it builds each part whose sources are newer
// than its build output, so a fresh clone starts with one command and a
// second start does not wait for a build.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

const parts = [
  { name: 'contracts', sources: ['libs/contracts/src'], output: 'libs/contracts/dist/index.js', script: 'build:libs' },
  { name: 'anchoring', sources: ['libs/anchoring/src'], output: 'libs/anchoring/dist/index.js', script: 'build:libs' },
  { name: 'api', sources: ['apps/api/src', 'libs/contracts/src', 'libs/anchoring/src'], output: 'dist/apps/api/main.js', script: 'build:api' },
  {
    name: 'web client',
    sources: ['apps/web/src', 'libs/contracts/src', 'libs/anchoring/src', 'apps/web/angular.json'],
    output: 'dist/apps/web/browser/index.html',
    script: 'build:web',
  },
];

function newest(path) {
  const full = join(root, path);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(full).map((entry) => newest(join(path, entry))));
}

for (const part of parts) {
  const output = join(root, part.output);
  const built = existsSync(output) ? statSync(output).mtimeMs : 0;
  if (built >= Math.max(...part.sources.map(newest))) continue;
  console.log(`Building the ${part.name}…`);
  execSync(`npm run --silent ${part.script}`, { cwd: root, stdio: 'inherit', env: { ...process.env, NG_CLI_ANALYTICS: 'false' } });
}
