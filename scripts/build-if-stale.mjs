// `npm start` runs this first: it builds each part whose sources are newer
// than its build output, so a fresh clone starts with one command and a
// second start does not wait for a build.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/** Every lib the api and the web client import (each built by `build:libs`). */
const LIBS = ['contracts', 'anchoring', 'agreement', 'refi-qda'];
const libSources = LIBS.map((lib) => `libs/${lib}/src`);

const parts = [
  ...LIBS.map((lib) => ({
    name: lib,
    sources: [`libs/${lib}/src`],
    output: `libs/${lib}/dist/index.js`,
    script: 'build:libs',
  })),
  {
    name: 'api',
    // The bundle holds the dependencies too: a changed lock file or bundle script means a new bundle.
    sources: ['apps/api/src', ...libSources, 'package-lock.json', 'scripts/bundle-api.mjs', 'scripts/bundle-start.mjs'],
    output: 'dist/apps/api/bundle/main.js',
    script: 'build:api',
  },
  {
    name: 'web client',
    sources: ['apps/web/src', ...libSources, 'apps/web/angular.json'],
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
  execSync(`npm run --silent ${part.script}`, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NG_CLI_ANALYTICS: 'false' },
  });
}
