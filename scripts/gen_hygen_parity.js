#!/usr/bin/env node
// Records the parity corpus of Hygen's helper object `h` (tests/text/hygen_parity.jsonl) from
// the real packages: hygen 6.2.11's dist/helpers.js, which brings change-case 3.1.0 and
// inflection 1.13.4, and Node's path. Each line is one call:
//   {"f": "changeCase.pascal", "args": ["fooBar"], "json": "\"FooBar\""}
// with "json" = JSON.stringify(result), or "throws": true where the helper throws. An argument
// {"$undefined": true} stands for undefined. Paths are resolved from "/" (process.chdir).
// CI does not run this: the corpus is checked in. To record it again:
//   (cd /some/scratch && npm install hygen@6.2.11)
//   NODE_PATH=/some/scratch/node_modules node scripts/gen_hygen_parity.js > tests/text/hygen_parity.jsonl
'use strict';
const h = require('hygen/dist/helpers').default;
process.chdir('/');

const out = [];
function get(path) {
  let fn = h;
  let self = h;
  for (const k of path.split('.')) {
    self = fn;
    fn = fn[k];
  }
  return { fn, self };
}
function record(f, args) {
  const { fn, self } = get(f);
  const real = args.map((a) => (a && a.$undefined ? undefined : a));
  let line;
  try {
    const r = fn.apply(self, real);
    if (r === undefined) return;  // nothing to print for it
    line = { f, args, json: JSON.stringify(r) };
  } catch (e) {
    line = { f, args, throws: true };
  }
  out.push(JSON.stringify(line));
}
const U = { $undefined: true };

// ---- Inputs --------------------------------------------------------------------------------

const identifiers = [
  '', ' ', 'a', 'A', 'foo', 'Foo', 'FOO', 'fooBar', 'FooBar', 'FOOBar', 'fooBAR', 'foo_bar',
  'foo-bar', 'foo bar', 'foo.bar', 'foo/bar', 'foo\\bar', 'Foo Bar', 'FOO_BAR', 'foo__bar',
  '__foo__', '-foo-', '  foo  bar  ', 'foo--bar', 'foo_-bar', 'foo.bar-baz_qux quux',
  'XMLHttpRequest', 'xmlHTTPRequest', 'APIResponse', 'getHTTPSUrl', 'HTTPServer', 'HTTP2Server',
  'http2Server', 'userID', 'UserID', 'IDs', 'userIDs', 'iOS', 'iPhone', 'macOS', 'ABC', 'AbC',
  'aBC', 'ABc', 'v2', 'V2', 'version2Alpha', 'version 2 alpha', 'version_2_alpha', '2fa', '2FA',
  'abc123def', 'abc123Def', 'ABC123', '123', '1 2 3', 'a1b2c3', 'A1B2C3', 'foo1Bar2', 'x86_64',
  'utf8Encoder', 'base64URL', 'mp3Player', 'Mp3', 'html5', 'CSS3Parser', 'snake_case_here',
  'kebab-case-here', 'Title Case Here', 'camelCaseHere', 'PascalCaseHere', 'CONSTANT_CASE_HERE',
  'dot.case.here', 'path/case/here', 'Sentence case here', 'mixed_Case-string here.now',
  'user_account', 'UserAccount', 'userAccount', 'user_accounts', 'Admin::UserAccount',
  'admin/user_account', 'active_model/errors', 'ActiveModel::Errors', 'message_properties',
  'employee_salary', 'author_id', 'author_ids', 'category_id', 'Straße', 'straße', 'STRASSE',
  'İstanbul', 'istanbul', 'ISTANBUL', 'ıi', 'Iİ', 'ÉcoleNormale', 'écoleNormale', 'çaVa',
  'ŁódźCity', 'łódźCity', 'ΣΊΣΥΦΟΣ', 'ΌΣΟΣ', 'Ωmega', 'ωmegaΩ', 'мойКласс', 'МойКласс',
  'Привет Мир', 'привет_мир', '日本Tokyo', 'tokyo日本', '日本 語', 'ǅemal', 'ǄEMAL', 'ǆemal',
  '𝐀bc', 'a😀b', '😀', 'foo😀Bar', 'ﬁle', 'ŉ', 'ǰ', 'ſ', 'K', 'Ⅻ', 'x²y', 'café au lait',
  'naïve-café', 'jalapeño_pepper', 'ÀÉÎÕÜ', 'àéîõü', 'ÀéÎõÜ', 'ǈ', 'ʼn', 'ꞵ', 'Ꞵ', 'ᲀ',
  'a\nb', 'a\tb', 'a\r\nb', 'tab\there', '\u00a0nbsp\u00a0', '\u2028line', 'zero\u200bwidth',
  'O\'Reilly', 'don\'t stop', 'a&b', '<div>', 'foo?bar!', '$dollar', '#hash', '@scope/pkg',
  'some.file.name.js', '.hidden', 'trailing.', '...', '---', '___', 'a_b_c_d_e', 'A_B_C',
  'a-B-c', 'ABC_def-GHI', 'getX', 'setXY', 'XYZCoordinate', 'a1', 'a1B', 'A1b', '1a', '1A',
  '9lives', 'item_1', 'item1', 'Item 1', 'item-1-2', 'item_1_2', 'GL3', 'gl3Context', 'js',
  'JSON', 'JSONData', 'toJSON', 'parseJSONString', 'ID', 'Id', 'id', 'url', 'URL', 'URLs',
];

const nouns = [
  'person', 'people', 'Person', 'PERSON', 'man', 'men', 'woman', 'women', 'child', 'children',
  'ox', 'oxen', 'mouse', 'mice', 'louse', 'lice', 'foot', 'feet', 'tooth', 'teeth', 'goose',
  'geese', 'quiz', 'quizzes', 'whereas', 'whereases', 'criterion', 'criteria', 'genus', 'genera',
  'status', 'statuses', 'alias', 'aliases', 'campus', 'campuses', 'canvas', 'canvases',
  'octopus', 'octopuses', 'octopi', 'virus', 'viruses', 'axis', 'axes', 'testis', 'testes',
  'crisis', 'crises', 'analysis', 'analyses', 'basis', 'bases', 'diagnosis', 'diagnoses',
  'parenthesis', 'parentheses', 'prognosis', 'synopsis', 'thesis', 'theses', 'summons',
  'summonses', 'bonus', 'bonuses', 'bus', 'buses', 'buffalo', 'buffaloes', 'tomato', 'tomatoes',
  'potato', 'potatoes', 'hero', 'heroes', 'photo', 'photos', 'echo', 'piano', 'datum', 'data',
  'medium', 'media', 'stadium', 'bacterium', 'bacteria', 'knife', 'knives', 'wife', 'wives',
  'life', 'lives', 'half', 'halves', 'elf', 'elves', 'leaf', 'leaves', 'wolf', 'wolves',
  'shelf', 'shelves', 'dwarf', 'scarf', 'roof', 'roofs', 'cliff', 'safe', 'safes', 'chef',
  'chief', 'hive', 'hives', 'archive', 'archives', 'drive', 'drives', 'curve', 'curves',
  'cave', 'caves', 'slave', 'movie', 'movies', 'series', 'species', 'sheep', 'deer', 'fish',
  'news', 'money', 'information', 'equipment', 'rice', 'Information', 'NEWS', 'box', 'boxes',
  'church', 'churches', 'class', 'classes', 'dish', 'dishes', 'kiss', 'glass', 'boss', 'moss',
  'matrix', 'matrices', 'vertex', 'vertices', 'index', 'indices', 'indexes', 'appendix',
  'query', 'queries', 'city', 'cities', 'day', 'days', 'boy', 'toy', 'key', 'monkey', 'guy',
  'soliloquy', 'soliloquies', 'cactus', 'cacti', 'fungus', 'nucleus', 'radius', 'stimulus',
  'syllabus', 'focus', 'census', 'gas', 'gases', 'atlas', 'iris', 'lens', 'plus', 'corpus',
  'database', 'databases', 'shoe', 'shoes', 'hoe', 'toe', 'foe', 'user', 'users', 'post',
  'posts', 'comment', 'category', 'categories', 'company', 'address', 'addresses', 'process',
  'processes', 'access', 'business', 'API', 'APIs', 'Api', 'ID', 'IDs', 'URL', 'URLS', 'UserID',
  'HTTP', 'CPU', 'user_account', 'user_accounts', 'UserAccount', 'SalesPerson', 'salesperson',
  'sales_person', 'FishAndChips', 'Admin::User', 'admin/user', 'tia', 'tium', 'vita', 'mania',
  'ss', 's', 'a', '', 'xes', 'ies', 'ves', 'zzz', 'buzz', 'fez', 'waltz', 'hex', 'sex', 'ax',
  'tax', 'fox', 'fax', 'Straße', 'İnformation', 'café', 'cafés', 'señor', 'niño', 'niña',
  'Knife', 'KNIFE', 'Ox', 'OX', 'mOuSe', 'Child', 'CHILD', 'Man', 'MAN', 'human', 'humans',
  'german', 'Germans', 'talisman', 'caiman', 'shaman', 'woman_doctor', 'policeman', 'policemen',
  'postman', 'walrus', 'octopus_tentacle', 'person_name', 'people_count', 'my-item', 'my item',
  'thief', 'loaf', 'calf', 'self', 'sheaf', 'proof', 'belief', 'grief', 'reef', 'serf',
  'quo', 'zoo', 'zoos', 'kangaroo', 'bamboo', 'potatos', 'torpedo', 'veto', 'volcano',
  'criterias', 'genuses', 'foots', 'teeths', 'mices', 'moves', 'moose', 'sleeves', 'valve',
  'eaves', 'sieves', 'octopussy', 'thesauri', 'equipments', 'newses', '日本', 'a😀', 'x1',
];

const paths = [
  '', '.', '..', '/', '//', '///', 'a', 'a/', 'a//', '/a', '/a/', 'a/b', 'a/b/', '/a/b',
  'a/./b', 'a/../b', '../a', '../../a', 'a/..', 'a/../..', '/..', '/../a', './a', './/a',
  'a/b/c/../../d', '/a/b/c/../../d', 'a/b/../../../c', 'foo/bar.js', '/foo/bar.js',
  'foo/bar.test.js', 'foo/.hidden', '.hidden', '.hidden.js', '..js', 'a..', 'a.', '.',
  'file.', 'file..', 'dir/file.tar.gz', 'dir.d/file', 'dir.d/', '/x/y/z.', 'a/b.c/d',
  'src/components/Button/index.tsx', '_templates/generator/new/hello.ejs.t', 'C:\\dir\\file',
  'über/straße.txt', 'ö.ü', '日本/語.md', 'a😀/b😀.c😀', 'a b/c d.e f', 'a/b/c', 'x/y/',
];

// ---- change-case ---------------------------------------------------------------------------

const changeCaseMain = ['no', 'dot', 'swap', 'path', 'upper', 'lower', 'camel', 'snake', 'title',
  'param', 'header', 'pascal', 'constant', 'sentence', 'isUpper', 'isLower', 'ucFirst',
  'lcFirst'];
const aliases = ['noCase', 'dotCase', 'swapCase', 'pathCase', 'upperCase', 'lowerCase',
  'camelCase', 'snakeCase', 'titleCase', 'paramCase', 'kebabCase', 'kebab', 'hyphenCase',
  'hyphen', 'headerCase', 'pascalCase', 'constantCase', 'sentenceCase', 'isUpperCase',
  'isLowerCase', 'upperCaseFirst', 'lowerCaseFirst'];
for (const f of changeCaseMain)
  for (const s of identifiers) record('changeCase.' + f, [s]);
for (const f of aliases)
  for (const s of identifiers.slice(0, 40).concat(identifiers.slice(100, 130)))
    record('changeCase.' + f, [s]);
const localeInputs = ['i', 'I', 'İ', 'ı', 'istanbul İzmir', 'ISTANBUL IZMIR', 'Iİıi', 'iİ',
  'I\u0307', 'i\u0307', 'i\u0307\u0300', 'j\u0307', '\u012f\u0307', 'J', 'Į', 'Ì', 'Í', 'Ĩ',
  'fooIbar', 'idInfo', 'Ii_iI', 'title in istanbul', 'iiii', 'IIII', 'Straße'];
for (const loc of ['tr', 'az', 'lt', 'en', 'xx'])
  for (const f of changeCaseMain)
    for (const s of localeInputs) record('changeCase.' + f, [s, loc]);
for (const f of ['camel', 'pascal', 'camelCase', 'pascalCase'])
  for (const s of identifiers.slice(0, 120)) record('changeCase.' + f, [s, U, true]);
for (const f of ['camel', 'pascal'])
  for (const m of [1, 0, 'yes', '', null])
    for (const s of ['version 2 alpha', 'a1 b2', 'x 1 y']) record('changeCase.' + f, [s, U, m]);
const odd = [null, U, 0, 1, -1.5, 1e21, true, false, ['a', 'B'], ['ab', 5, null], {}, { a: 1 },
  [], 'x', 'X'];
for (const f of changeCaseMain) for (const v of odd) record('changeCase.' + f, [v]);
for (const r of ['_', '', '--', '.', 5, null, U, '→'])
  for (const s of ['fooBar baz', '  x  y  ', 'HTTPServer2Go', ''])
    record('changeCase.no', [s, U, r]);

// ---- inflection ----------------------------------------------------------------------------

for (const n of nouns) {
  record('inflection.pluralize', [n]);
  record('inflection.singularize', [n]);
}
for (const v of ['override', '', null, 0, 5, true])
  for (const n of ['person', 'box'])
    for (const f of ['pluralize', 'singularize']) record('inflection.' + f, [n, v]);
for (const v of [5, null, U, true, ['a'], {}]) {
  record('inflection.pluralize', [v]);
  record('inflection.singularize', [v]);
}
const inflectionOne = ['camelize', 'underscore', 'humanize', 'capitalize', 'dasherize',
  'titleize', 'demodulize', 'tableize', 'classify', 'foreign_key', 'ordinalize', 'undasherize'];
for (const f of inflectionOne)
  for (const s of identifiers) record('inflection.' + f, [s]);
for (const f of ['camelize', 'underscore', 'humanize', 'foreign_key'])
  for (const s of identifiers.slice(0, 150)) record('inflection.' + f, [s, true]);
for (const f of inflectionOne)
  for (const v of [5, null, U, true]) record('inflection.' + f, [v]);
const sentences = ['1', '2', '3', '4', '11', '12', '13', '21', '22', '23', '101', '111', '112',
  '1000', '0', '-1', '-2', '+3', '1.5', '1e3', '12abc', 'abc12', 'Hello 1 world 2', '1 2 3 4',
  'the 21 jump street', ' 1', '1 ', '\t5', '0x11', '   ', '', 'no numbers here', '3rd',
  'Infinity', '42nd street', '11st', '９'];
for (const s of sentences) record('inflection.ordinalize', [s]);
for (const c of [1, 2, 0, -1, '1', '1.0', '2', 'abc', null, U, 1.5, ' 1'])
  for (const n of ['person', 'people', 'box'])
    record('inflection.inflect', [n, c]);
for (const c of [1, 2]) record('inflection.inflect', ['person', c, 'one', 'many']);
for (const t of [['pluralize'], ['underscore', 'pluralize'], ['classify'], ['camelize',
  'pluralize'], ['humanize', 'titleize'], ['nope'], [], ['tableize', 'dasherize'],
  ['foreign_key'], ['ordinalize'], ['undasherize', 'underscore']])
  for (const s of ['message_property', 'UserAccount', 'user-account 1', 'Person'])
    record('inflection.transform', [s, t]);
for (const [arr, item, from] of [[['a', 'b', 'c'], 'b', U], [['a', 'b', 'c'], 'z', U],
  [['a', 'b', 'a'], 'a', 1], [[1, 2, 3], 2, U], [[1, 2, 3], '2', U], [['a', null], null, U],
  [['a', 'b'], U, U]])
  record('inflection.indexOf', [arr, item, from]);

// ---- capitalize and path -------------------------------------------------------------------

for (const s of identifiers) record('capitalize', [s]);
for (const v of [null, U, 5, true, ['a', 'b'], {}]) record('capitalize', [v]);
for (const p of paths) {
  for (const f of ['normalize', 'dirname', 'basename', 'extname', 'isAbsolute', 'parse'])
    record('path.' + f, [p]);
  record('path.resolve', [p]);
  record('path.resolve', ['/base/dir', p]);
  record('path.relative', ['/a/b/c', p]);
  record('path.relative', [p, '/a/b/c']);
  record('path.join', [p, 'x']);
  record('path.join', ['x', p]);
}
for (let i = 0; i < paths.length; ++i) {
  const p = paths[i];
  const q = paths[(i * 7 + 3) % paths.length];
  const r = paths[(i * 13 + 5) % paths.length];
  record('path.join', [p, q, r]);
  record('path.relative', [p, q]);
  record('path.resolve', [p, q, r]);
  record('path.basename', [p, '.js']);
  record('path.basename', [q, 'c']);
  record('path.basename', [p, p]);
}
for (const ext of ['', '.js', 'js', '.tar.gz', 'z', 'b.js', '/'])
  for (const p of ['foo/bar.js', 'bar.js', 'a/b', '.js', 'x.js/', 'x.tar.gz', 'a/bz'])
    record('path.basename', [p, ext]);
record('path.join', []);
record('path.resolve', []);
for (const v of [5, null, U, ['a'], {}]) {
  record('path.join', ['a', v]);
  record('path.resolve', [v, '/abs']);
  record('path.resolve', ['/abs', v]);
  record('path.basename', [v]);
  record('path.dirname', [v]);
}
for (const o of [{ dir: '/a', base: 'b.js' }, { root: '/', base: 'x' }, { root: '/', dir: '/',
  base: 'x' }, { name: 'n', ext: 'js' }, { name: 'n', ext: '.js' }, { dir: 'd', name: 'n',
  ext: '.e' }, { dir: '', root: '', base: '' }, {}, { root: '/r/', name: 'n' }])
  record('path.format', [o]);

process.stdout.write(out.join('\n') + '\n');
process.stderr.write(out.length + ' cases\n');
