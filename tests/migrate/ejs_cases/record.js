#!/usr/bin/env node
// Re-records what EJS prints for each case, the way Hygen 6.2.11 renders (ejs 3.1.10,
// ejs.render(template, locals) with no options; `h` is Hygen's helper object):
//   NODE_PATH=bench/node_modules node tests/migrate/ejs_cases/record.js tests/migrate/ejs_cases/cases.json
// (bench/hygen.sh installs hygen@6.2.11, which brings ejs 3.1.10.) Each case keeps its fields;
// `expected` is replaced by EJS's output, or `ejs_error` by its error.
const fs = require('fs');
const ejs = require('ejs');
const h = require('hygen/dist/helpers').default;
if (require('ejs/package.json').version !== '3.1.10') throw new Error('ejs 3.1.10 needed');
const file = process.argv[2];
const cases = JSON.parse(fs.readFileSync(file, 'utf8'));
for (const c of cases) {
  delete c.expected; delete c.ejs_error;
  try {
    c.expected = ejs.render(c.template, Object.assign({h}, c.data || {}));
  } catch (e) {
    c.ejs_error = String(e.message).split('\n').pop();
  }
}
fs.writeFileSync(file, JSON.stringify(cases, null, 1) + '\n');
