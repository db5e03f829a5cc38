// One-off: turns the hand-made TypeScript dictionaries (core/i18n/en.ts, nb.ts and the
// per-feature *.i18n.ts files) into per-feature JSON files under apps/web/src/i18n/.
// Kept in history only; the JSON files are the source from now on.
import { buildSync } from 'esbuild';
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = process.cwd();
const web = join(root, 'apps/web/src');
const tmp = join(root, 'tmp-i18n-convert');

async function load(file, name) {
  const out = join(tmp, `${name}.mjs`);
  buildSync({ entryPoints: [join(web, file)], bundle: true, format: 'esm', outfile: out, logLevel: 'error' });
  return import(pathToFileURL(out).href);
}

const { en } = await load('app/core/i18n/en.ts', 'en');
const { nb } = await load('app/core/i18n/nb.ts', 'nb');
// Keys that a feature file declared stay with that feature.
const declared = {
  snapshots: Object.keys((await load('app/snapshots/snapshots.i18n.ts', 's')).snapshotsEn),
  agreement: Object.keys((await load('app/agreement/agreement.i18n.ts', 'a')).agreementEn),
  account: Object.keys((await load('app/account/account.i18n.ts', 'ac')).accountEn),
};
rmSync(tmp, { recursive: true, force: true });

// The rest by the first segment of the key.
const byPrefix = {
  common: ['app', 'nav', 'lang', 'title', 'action', 'common', 'field', 'validation', 'error', 'notFound', 'role'],
  auth: ['login', 'register'],
  projects: ['projects', 'project', 'members', 'settings'],
  documents: ['documents', 'document', 'collab'],
  coding: ['panel', 'coding', 'history', 'picker', 'codes', 'codings', 'comments', 'memo'],
  snapshots: ['timeline', 'snapshot', 'compare'],
  retention: ['retention'],
  pseudonyms: ['pseudonyms'],
  audit: ['audit'],
  exchange: ['exchange'],
  analysis: ['analysis'],
  agreement: ['agreement'],
  account: ['account'],
};

function featureOf(key) {
  for (const [feature, keys] of Object.entries(declared)) if (keys.includes(key)) return feature;
  const prefix = key.split('.')[0];
  for (const [feature, prefixes] of Object.entries(byPrefix)) if (prefixes.includes(prefix)) return feature;
  throw new Error(`no feature for ${key}`);
}

// Placeholders that always hold a number become ICU number arguments, so that
// they are formatted for the language ("12 345" in nb) as the old service did.
const numeric = new Set(
  'count min max documents codings n total hits days shown replacements matched named skipped done failed percent size'.split(
    ' ',
  ),
);
const icu = (text) => text.replace(/\{(\w+)\}/g, (whole, name) => (numeric.has(name) ? `{${name}, number}` : whole));

const files = {};
for (const [lang, dictionary] of Object.entries({ en, nb })) {
  for (const [key, text] of Object.entries(dictionary)) {
    const feature = featureOf(key);
    ((files[feature] ??= {})[lang] ??= {})[key] = icu(text);
  }
}
for (const [feature, langs] of Object.entries(files)) {
  for (const [lang, dictionary] of Object.entries(langs)) {
    const path = join(web, 'i18n', feature, `${lang}.json`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${JSON.stringify(dictionary, null, 2)}\n`);
  }
  console.log(feature, Object.keys(langs.en).length);
}
