import { describe, expect, it } from '@jest/globals';
import * as ng from '@angular/compiler';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

// Every template, read with Angular's own parser: no text a person reads may be
// written into a template; it comes from the translation files through `t(…)`.
const root = process.cwd();
const appDir = join(root, 'apps/web/src/app');
const i18nDir = join(root, 'apps/web/src/i18n');

/** Texts that are the same in every language. */
const ALLOWED_TEXT = new Set(['Tolk', 'Tolk –', 'REFI-QDA', 'CSV', 'XLSX', 'DOCX', 'QDPX', 'κ', 'α']);
/** Attributes whose static value a person reads (or hears). */
const READ_ATTRIBUTES = new Set([
  'aria-label',
  'title',
  'placeholder',
  'alt',
  'aria-description',
  'aria-roledescription',
]);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

function templates(): { file: string; template: string }[] {
  const out: { file: string; template: string }[] = [];
  for (const file of files(appDir)) {
    const name = relative(root, file);
    if (file.endsWith('.html')) out.push({ file: name, template: readFileSync(file, 'utf8') });
    else if (file.endsWith('.ts') && !file.endsWith('.spec.ts')) {
      const inline = /template: `([\s\S]*?)`,\n/.exec(readFileSync(file, 'utf8'));
      if (inline) out.push({ file: name, template: inline[1] });
    }
  }
  return out;
}

interface Findings {
  texts: string[];
  keys: string[];
}

function inspect(template: string, file: string): Findings {
  const parsed = ng.parseTemplate(template, file, { preserveWhitespaces: false });
  expect({ file, errors: (parsed.errors ?? []).map(String) }).toEqual({ file, errors: [] });
  const found: Findings = { texts: [], keys: [] };

  class Expressions extends ng.RecursiveAstVisitor {
    override visitCall(ast: ng.Call, context: unknown): unknown {
      const receiver = ast.receiver;
      if (receiver instanceof ng.PropertyRead && receiver.name === 't') {
        const first = ast.args[0];
        if (first instanceof ng.LiteralPrimitive && typeof first.value === 'string') found.keys.push(first.value);
      }
      return super.visitCall(ast, context);
    }
  }
  const expressions = new Expressions();
  const visitExpression = (value: ng.AST | null | undefined) => value?.visit(expressions);

  class Nodes extends ng.TmplAstRecursiveVisitor {
    override visitElement(node: ng.TmplAstElement): void {
      // A key to press (<kbd>C</kbd>) is the same in every language.
      if (node.name !== 'kbd') super.visitElement(node);
      else for (const attribute of node.inputs) visitExpression(attribute.value);
    }
    override visitText(node: ng.TmplAstText): void {
      const text = node.value.trim();
      if (/\p{L}/u.test(text) && !ALLOWED_TEXT.has(text)) found.texts.push(text);
    }
    override visitTextAttribute(node: ng.TmplAstTextAttribute): void {
      if (READ_ATTRIBUTES.has(node.name) && /\p{L}/u.test(node.value) && !ALLOWED_TEXT.has(node.value)) {
        found.texts.push(`${node.name}="${node.value}"`);
      }
    }
    override visitBoundText(node: ng.TmplAstBoundText): void {
      visitExpression(node.value);
    }
    override visitBoundAttribute(node: ng.TmplAstBoundAttribute): void {
      visitExpression(node.value);
    }
    override visitBoundEvent(node: ng.TmplAstBoundEvent): void {
      visitExpression(node.handler);
    }
    override visitIfBlockBranch(node: ng.TmplAstIfBlockBranch): void {
      visitExpression(node.expression);
      super.visitIfBlockBranch(node);
    }
    override visitSwitchBlock(node: ng.TmplAstSwitchBlock): void {
      visitExpression(node.expression);
      super.visitSwitchBlock(node);
    }
    override visitLetDeclaration(node: ng.TmplAstLetDeclaration): void {
      visitExpression(node.value);
    }
  }
  ng.tmplAstVisitAll(new Nodes(), parsed.nodes);
  return found;
}

const english = Object.assign(
  {},
  ...readdirSync(i18nDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => JSON.parse(readFileSync(join(i18nDir, entry.name, 'en.json'), 'utf8')) as object),
) as Record<string, string>;
const all = templates();

describe('templates', () => {
  it('are found (html files and inline templates)', () => {
    expect(all.length).toBeGreaterThan(40);
  });

  it.each(all.map((entry) => [entry.file, entry.template]))('%s holds no hard-coded text', (file, template) => {
    expect(inspect(template, file).texts).toEqual([]);
  });

  it.each(all.map((entry) => [entry.file, entry.template]))('%s uses only keys that exist', (file, template) => {
    expect(inspect(template, file).keys.filter((key) => !(key in english))).toEqual([]);
  });

  it('catches a hard-coded text, a title attribute and an unknown key', () => {
    const found = inspect(
      `<ng-container *transloco="let t"><p title="Hello">Save now</p>{{ t('no.such.key') }}<b>Tolk</b> · 3 <kbd>C</kbd></ng-container>`,
      'probe.html',
    );
    expect(found.texts).toEqual(['title="Hello"', 'Save now']);
    expect(found.keys).toEqual(['no.such.key']);
  });
});
