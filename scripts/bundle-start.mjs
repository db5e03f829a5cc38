// The api's entry as `npm start` runs it: scripts/bundle-api.mjs copies this
// file to dist/apps/api/bundle/main.js beside the bundle (`api.cjs`) and puts
// the bundle's hash in BUNDLE_ID. Node 20 has no module compile cache, so it
// runs the bundle through `vm.Script` with V8's code cache, kept in the data
// directory (`cache/api-<hash>.v8cache`) and made after the first start: a
// restart then skips parsing and compiling what the start runs.
import Module, { createRequire, SourceMap } from 'node:module';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const BUNDLE_ID = '__BUNDLE_ID__';
const bundle = fileURLToPath(new URL('./api.cjs', import.meta.url));
// Where settings.ts puts the data directory (TOLK_DATA_DIR, else ./data).
const cacheDir = join(resolve(process.env.TOLK_DATA_DIR?.trim() || 'data'), 'cache');
const cacheFile = join(cacheDir, `api-${BUNDLE_ID}.v8cache`);

/**
 * The cache is compiled code: it is used only when this process's user owns
 * it and its directory and nobody else may write either (else the api
 * compiles, as without a cache).
 */
function trusted(path) {
  const stat = statSync(path);
  const uid = process.getuid?.();
  return (uid === undefined || stat.uid === uid) && (stat.mode & 0o022) === 0;
}

let cachedData;
try {
  if (trusted(cacheDir) && trusted(cacheFile)) cachedData = readFileSync(cacheFile);
} catch {
  // first start of this build
}
const script = new vm.Script(Module.wrap(readFileSync(bundle, 'utf8')), {
  filename: bundle,
  cachedData,
  importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
});
const used = cachedData !== undefined && !script.cachedDataRejected;

/** Read by main.ts: said in the banner, and `started()` once the api answers. */
globalThis.tolkCodeCache = {
  state: used ? 'used' : cachedData ? 'rejected' : 'none',
  started() {
    if (used) return;
    // After the start, so that the cache holds every function the start compiled.
    setTimeout(() => {
      try {
        mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
        for (const old of readdirSync(cacheDir))
          if (old.startsWith('api-') && (old.endsWith('.v8cache') || old.endsWith('.tmp')))
            rmSync(join(cacheDir, old), { force: true });
        // A name of our own, created exclusively and readable by us alone.
        const temporary = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(temporary, script.createCachedData(), { mode: 0o600, flag: 'wx' });
        renameSync(temporary, cacheFile);
      } catch {
        // a read-only data directory: every start compiles, as without the cache
      }
    }, 1_000).unref();
  },
};

// `--enable-source-maps` does not reach code run by vm.Script: stack traces
// through the bundle are mapped here, with its source map read on the first one.
if (process.sourceMapsEnabled) {
  let map;
  const frame = (site) => {
    if (site.getFileName() !== bundle) return `    at ${site}`;
    // A missing or broken map must not make every stack trace throw: then frames stay as they are.
    if (map === undefined) {
      try {
        map = new SourceMap(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')));
      } catch {
        map = null;
      }
    }
    const entry = map?.findEntry(site.getLineNumber() - 1, site.getColumnNumber() - 1);
    if (!entry?.originalSource) return `    at ${site}`;
    const source = entry.originalSource.startsWith('file:')
      ? fileURLToPath(entry.originalSource)
      : resolve(dirname(bundle), entry.originalSource);
    const where = `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
    const name = site.getFunctionName() ?? site.getMethodName();
    return `    at ${name ? `${site.isAsync() ? 'async ' : ''}${name} (${where})` : where}`;
  };
  Error.prepareStackTrace = (error, sites) => {
    let head;
    try {
      head = Error.prototype.toString.call(error);
    } catch {
      head = 'Error';
    }
    return [head, ...sites.map(frame)].join('\n');
  };
}

const module = new Module(bundle);
module.filename = bundle;
module.paths = Module._nodeModulePaths(dirname(bundle));
script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
