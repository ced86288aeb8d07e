#!/usr/bin/env node
// Records the engine corpus with real Nunjucks 3.2.4:
//   NODE_PATH=/tmp/nj/node_modules node tests/conformance/engine/record.js \
//       tests/conformance/engine/input.json tests/conformance/engine/cases.json
// The input is a JSON list of {id, suite?, name?, template, context?, options?, templates?, path?}.
// Each case is rendered by a Nunjucks Environment built from its options, with a loader that serves
// exactly its `templates` map, and written out with `expected` (the output) or `expected_error: true`
// (+ `error`, Nunjucks' message, for people only).
'use strict';
const fs = require('fs'), path = require('path');
const nunjucks = require('nunjucks');
if (nunjucks.Environment === undefined || !/^3\.2\.4/.test(require('nunjucks/package.json').version)) {
  throw new Error('needs nunjucks 3.2.4');
}
const [inFile, outFile] = process.argv.slice(2);
if (!inFile || !outFile) throw new Error('usage: record.js input.json cases.json');
const input = JSON.parse(fs.readFileSync(inFile, 'utf8'));

const MapLoader = nunjucks.Loader.extend({
  init(map) { this.map = map || {}; },
  resolve(from, to) { return path.posix.normalize(path.posix.join(path.posix.dirname(from), to)); },
  getSource(name) {
    name = path.posix.normalize(name);
    if (name.startsWith('../') || !(name in this.map)) return null;
    return {src: this.map[name], path: name, noCache: true};
  },
});

const seen = new Set();
const out = [];
for (const c of input) {
  if (seen.has(c.id)) throw new Error('duplicate id ' + c.id);
  seen.add(c.id);
  const o = Object.assign({autoescape: true, throwOnUndefined: false, trimBlocks: false,
                           lstripBlocks: false}, c.options || {});
  const r = {id: c.id, suite: c.suite || 'engine', name: c.name || c.template.slice(0, 60),
             template: c.template, context: c.context || {}, options: o};
  if (c.templates) r.templates = c.templates;
  if (c.path) r.path = c.path;
  const env = new nunjucks.Environment(new MapLoader(c.templates), {
    autoescape: o.autoescape, throwOnUndefined: o.throwOnUndefined, trimBlocks: o.trimBlocks,
    lstripBlocks: o.lstripBlocks, tags: o.tags});
  try {
    const tpl = new nunjucks.Template(c.template, env, c.path);
    r.expected = tpl.render(r.context);
  } catch (e) {
    r.expected_error = true;
    r.error = String(e.message).split('\n').map(s => s.trim()).filter(Boolean).join(' ');
  }
  // Output with a lone UTF-16 surrogate has no UTF-8 form: such a case cannot be compared.
  if (typeof r.expected === 'string' && /[\ud800-\udbff](?![\udc00-\udfff])|(?:^|[^\ud800-\udbff])[\udc00-\udfff]/.test(r.expected)) {
    throw new Error(`case ${c.id}: the output has a lone surrogate; drop or change the case`);
  }
  out.push(r);
}
fs.writeFileSync(outFile, JSON.stringify(out, null, 1) + '\n');
console.log(`${out.length} cases, ${out.filter(x => x.expected_error).length} expecting an error`);
