// One-off: rewrites templates from the old impure pipe (`'key' | t: params`) to
// Transloco's structural directive (`t('key', params)` inside one
// `<ng-container *transloco="let t">` around the whole template). Uses Angular's
// own template parser so that the pipe's operand and arguments are exact.
import * as ng from '@angular/compiler';
import { readFileSync, writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';

function tPipes(template, url) {
  const parsed = ng.parseTemplate(template, url, { preserveWhitespaces: true });
  if (parsed.errors?.length) throw new Error(`${url}: ${parsed.errors.map(String).join('\n')}`);
  const found = [];
  class Exprs extends ng.RecursiveAstVisitor {
    visitPipe(ast, context) {
      if (ast.name === 't') found.push(ast);
      return super.visitPipe(ast, context);
    }
  }
  const exprs = new Exprs();
  class Nodes extends ng.TmplAstRecursiveVisitor {
    visitBoundText(node) {
      node.value.visit(exprs);
    }
    visitBoundAttribute(node) {
      node.value.visit(exprs);
    }
    visitBoundEvent(node) {
      node.handler.visit(exprs);
    }
    visitIfBlockBranch(node) {
      node.expression?.visit(exprs);
      super.visitIfBlockBranch(node);
    }
    visitForLoopBlock(node) {
      node.expression.visit(exprs);
      super.visitForLoopBlock(node);
    }
    visitSwitchBlock(node) {
      node.expression.visit(exprs);
      super.visitSwitchBlock(node);
    }
    visitSwitchBlockCase(node) {
      node.expression?.visit(exprs);
      super.visitSwitchBlockCase(node);
    }
    visitLetDeclaration(node) {
      node.value.visit(exprs);
    }
    visitTemplate(node) {
      for (const attr of node.templateAttrs) if (attr.value?.visit) attr.value.visit(exprs);
      super.visitTemplate(node);
    }
  }
  ng.tmplAstVisitAll(new Nodes(), parsed.nodes);
  return found;
}

function rewrite(template, url) {
  const pipes = tPipes(template, url);
  if (pipes.length === 0) return null;
  const span = (ast) => [ast.sourceSpan.start, ast.sourceSpan.end];
  // Text of [start, end) with every t-pipe inside it rewritten (outermost first).
  const render = (start, end) => {
    let out = '';
    let at = start;
    const inside = pipes
      .filter((p) => span(p)[0] >= start && span(p)[1] <= end && !(span(p)[0] === start && span(p)[1] === end && false))
      .sort((a, b) => span(a)[0] - span(b)[0] || span(b)[1] - span(a)[1]);
    for (const pipe of inside) {
      const [s, e] = span(pipe);
      if (s < at) continue; // nested in one already rendered
      out += template.slice(at, s);
      const exp = render(...span(pipe.exp)).trim();
      const args = pipe.args.map((a) => render(...span(a)).trim());
      out += `t(${[exp, ...args].join(', ')})`;
      at = e;
    }
    return out + template.slice(at, end);
  };
  const body = render(0, template.length);
  return `<ng-container *transloco="let t">\n${body}\n</ng-container>\n`;
}

const files = execSync("git ls-files 'apps/web/src/**/*.html' 'apps/web/src/**/*.ts'", { encoding: 'utf8' })
  .split('\n')
  .filter(Boolean)
  .filter((f) => f !== 'apps/web/src/index.html');
let changed = 0;
for (const file of files) {
  const source = readFileSync(file, 'utf8');
  if (file.endsWith('.html')) {
    const out = rewrite(source, file);
    if (out) (writeFileSync(file, out), changed++);
    continue;
  }
  const m = /template: `([\s\S]*?)`,\n/.exec(source);
  if (!m) continue;
  const out = rewrite(m[1], file);
  if (!out) continue;
  const start = m.index + 'template: `'.length;
  writeFileSync(file, source.slice(0, start) + out + source.slice(start + m[1].length));
  changed++;
}
console.log(`${changed} templates rewritten`);
