#!/usr/bin/env node
// Re-records the expectations of the project's golden cases with Nunjucks 3.2.4:
//   NODE_PATH=bench/node_modules node tests/conformance/golden/record.js tests/conformance/golden/cases.json
// Each case keeps its fields; `expected` / `expected_error` + `error` are replaced by what Nunjucks
// does with a loader that serves exactly the case's `templates` map.
const fs = require('fs'), path = require('path');
const nunjucks = require('nunjucks');
const file = process.argv[2];
const cases = JSON.parse(fs.readFileSync(file, 'utf8'));

const MapLoader = nunjucks.Loader.extend({
  init(map) { this.map = map || {}; },
  resolve(from, to) { return path.posix.normalize(path.posix.join(path.posix.dirname(from), to)); },
  getSource(name) {
    name = path.posix.normalize(name);
    if (name.startsWith('../') || !(name in this.map)) return null;
    return {src: this.map[name], path: name, noCache: true};
  },
});

for (const c of cases) {
  const o = c.options;
  const env = new nunjucks.Environment(new MapLoader(c.templates), {
    autoescape: o.autoescape, throwOnUndefined: o.throwOnUndefined, trimBlocks: o.trimBlocks,
    lstripBlocks: o.lstripBlocks, tags: o.tags});
  const uninstall = o.jinjaCompat ? nunjucks.installJinjaCompat() : null;
  delete c.expected; delete c.expected_error; delete c.error;
  try {
    const tpl = new nunjucks.Template(c.template, env, c.path);
    c.expected = tpl.render(c.context);
  } catch (e) {
    c.expected_error = true;
    c.error = String(e.message).split('\n').map((l) => l.trim()).filter(Boolean).join(' ');
  } finally {
    if (uninstall) uninstall();
  }
}
// One case per line group: readable diffs when a case changes.
fs.writeFileSync(file, '[\n' + cases.map((c) => ' ' + JSON.stringify(c)).join(',\n') + '\n]\n');
