// `npm run build:api` runs this after `nest build`: it bundles the compiled
// api (dist/apps/api, decorators and their metadata already emitted by tsc)
// and the packages it imports into one CommonJS file, dist/apps/api/bundle/api.cjs,
// and writes its entry beside it (bundle/main.js, from bundle-start.mjs), which
// `npm start` runs. Node 20 spent most of a restart resolving, reading and
// linking ~1,500 modules one by one (bench:restart); one file is read once,
// and compiled once per build thanks to V8's code cache. Kept apart and loaded
// by Node: the lazily imported exceljs and mammoth, and packages that find
// files of their own at run time (native add-ons, piscina's worker).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const api = join(root, 'dist/apps/api');
const outdir = join(api, 'bundle');

/** Left to Node at run time (resolved from the bundle's folder, i.e. the root node_modules). */
const EXTERNAL = ['@node-rs/*', 'piscina', 'exceljs', 'mammoth'];

/** A path from the bundle's folder, as a URL path (the bundle finds each original file from there). */
const fromBundle = (file) => relative(outdir, file).split('\\').join('/');

/**
 * Every module keeps the location it had before bundling: `import.meta.url`,
 * `__dirname` and `__filename` are made to name the original file (a worker
 * thread's script beside a service, the web client next to `main.js`, a
 * package's own data files). Replaced through identifiers, not literals, so
 * that the words in a comment or a string cannot break the code.
 */
const keepLocations = {
  name: 'keep-locations',
  setup(b) {
    b.onLoad({ filter: /\.(c|m)?js$/ }, async (args) => {
      let source = await readFile(args.path, 'utf8');
      const rel = JSON.stringify(fromBundle(args.path));
      const preamble = [];
      // `const require = createRequire(import.meta.url)` in an ES module hides its requires
      // from esbuild, which would leave them to load a second, unbundled copy at run time
      // (@nestjs/typeorm would load all of TypeORM again); without it they are bundled,
      // resolved from the same file as before.
      const ownRequire = /\b(?:const|let|var)\s+require\s*=\s*createRequire\(import\.meta\.url\);?/g;
      if (ownRequire.test(source)) {
        source = source.replace(ownRequire, '');
        preamble.push('/* createRequire removed by scripts/bundle-api.mjs */');
      }
      if (source.includes('import.meta.url')) {
        source = source.replaceAll('import.meta.url', '__tolk_meta_url');
        preamble.push(`var __tolk_meta_url = __tolkUrl(${rel});`);
      }
      if (source.includes('import.meta.dirname') || source.includes('import.meta.filename')) {
        source = source
          .replaceAll('import.meta.dirname', '__tolk_meta_dirname')
          .replaceAll('import.meta.filename', '__tolk_meta_filename');
        preamble.push(
          `var __tolk_meta_filename = __tolkPath(${rel});`,
          `var __tolk_meta_dirname = __tolkPath(${JSON.stringify(fromBundle(dirname(args.path)))});`,
        );
      }
      if (/\b__dirname\b/.test(source) && !/\b(var|let|const)\s+__dirname\b/.test(source))
        preamble.push(`var __dirname = __tolkPath(${JSON.stringify(fromBundle(dirname(args.path)))});`);
      if (/\b__filename\b/.test(source) && !/\b(var|let|const)\s+__filename\b/.test(source))
        preamble.push(`var __filename = __tolkPath(${rel});`);
      if (preamble.length === 0) return undefined;
      // After a leading "use strict", which must stay first.
      const directive = /^(#![^\n]*\n)?(\s*(['"])use strict\3;?)?/.exec(source)?.[0] ?? '';
      return {
        contents: directive + preamble.join(' ') + '\n' + source.slice(directive.length),
        loader: 'js',
        resolveDir: dirname(args.path),
      };
    });
  },
};

/**
 * An optional package that is not installed (a TypeORM driver for another
 * database, Nest's microservices) stays a run-time `require`/`import`, which
 * fails there as it did before bundling and is handled the same way.
 */
const missingStayExternal = {
  name: 'missing-stay-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData?.probing || args.path.startsWith('node:')) return undefined;
      const found = await b.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: { probing: true },
      });
      return found.errors.length > 0 ? { path: args.path, external: true } : undefined;
    });
  },
};

const started = performance.now();
const result = await build({
  entryPoints: { api: join(api, 'main.js') },
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  // CommonJS, one file: what vm.Script can run with a V8 code cache (bundle-start.mjs);
  // `import('./bootstrap.js')` in main.ts still runs that part only when it is imported.
  format: 'cjs',
  target: 'node20',
  // import() of what is left out (exceljs) becomes require(): code run from V8's code cache
  // loses the context a dynamic import() needs, and what is left out is CommonJS.
  supported: { 'dynamic-import': false },
  // TypeORM and Nest read class names (entity names, tokens, log contexts).
  keepNames: true,
  sourcemap: 'linked',
  sourcesContent: false,
  external: EXTERNAL,
  plugins: [missingStayExternal, keepLocations],
  banner: {
    js: [
      'const __tolkDir = __dirname;',
      "const __tolkPath = (path) => require('node:path').resolve(__tolkDir, path);",
      "const __tolkUrl = (path) => require('node:url').pathToFileURL(__tolkPath(path)).href;",
    ].join('\n'),
  },
  logLevel: 'warning',
  metafile: process.argv.includes('--metafile'),
});
if (result.metafile) await writeFile(join(outdir, 'meta.json'), JSON.stringify(result.metafile));
// The entry: runs api.cjs with a code cache named after the bundle's contents.
const id = createHash('sha256')
  .update(await readFile(join(outdir, 'api.cjs')))
  .digest('hex')
  .slice(0, 16);
const entry = await readFile(join(root, 'scripts/bundle-start.mjs'), 'utf8');
await writeFile(join(outdir, 'main.js'), entry.replace('__BUNDLE_ID__', id));
console.log(`Bundled the api into ${relative(root, outdir)}/ in ${Math.round(performance.now() - started)} ms`);
