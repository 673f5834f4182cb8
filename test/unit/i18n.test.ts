import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { build } from 'esbuild';
import { pickLocale, stringsFor } from '../../src/components/i18n/localization.js';
import { msg, str, withStrings } from '../../src/components/i18n/localize.js';
import { templates as room } from '../../src/components/i18n/zh-CN.js';
import { consoleTemplates } from '../../src/components/i18n/zh-CN-console.js';

/** The join bundle's Chinese and the host console's (which its own bundle adds). */
const templates = { ...room, ...consoleTemplates };

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

test('every English string of the elements has its Simplified Chinese translation', () => {
  const ids = new Set<string>();
  for (const file of sources('src/components')) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\{\s*id: '([^']+)',?\s*\}/g)) ids.add(m[1]!);
  }
  assert.ok(ids.size > 50);
  const missing = [...ids].filter((id) => !(id in templates)).sort();
  assert.deepEqual(missing, []);
});

test('a text resolves in its language, with its values in the translation’s order', () => {
  const name = 'Ada';
  const zh = stringsFor('zh-CN');
  assert.equal(zh.text('announce.joined', str`${name} joined`), 'Ada加入了会议');
  assert.equal(zh.text('grid.page', str`Page ${2} of ${5}`), '第 2 页，共 5 页');
  assert.equal(stringsFor('en').text('announce.joined', str`${name} joined`), 'Ada joined');
  // An id nobody translated shows the English.
  assert.equal(zh.text('nobody.knows', 'Plain English'), 'Plain English');
});

test('replacements win in every language; {n} stand for the values; a missing value stays visible', () => {
  const overrides = { 'prejoin.join': 'Enter', 'grid.page': '{1} pages, this is {0}', 'roster.title': 'People ({3})' };
  for (const locale of ['en', 'zh-CN'] as const) {
    const strings = stringsFor(locale, overrides);
    assert.equal(strings.text('prejoin.join', 'Join'), 'Enter');
    assert.equal(strings.text('grid.page', str`Page ${2} of ${5}`), '5 pages, this is 2');
    assert.equal(strings.text('roster.title', str`Participants (${3})`), 'People ({3})');
  }
  assert.equal(stringsFor('zh-CN', overrides).text('prejoin.title', 'Ready to join?'), '准备好加入了吗？');
  // The same language and replacements give the same object: context consumers do not re-render for nothing.
  assert.equal(stringsFor('zh-CN', overrides), stringsFor('zh-CN', overrides));
  assert.notEqual(stringsFor('zh-CN', overrides), stringsFor('zh-CN', { ...overrides }));
  assert.equal(stringsFor('en', null), stringsFor('en'));
});

test('lang values map to the languages we have', () => {
  assert.equal(pickLocale('zh'), 'zh-CN');
  assert.equal(pickLocale('zh-Hans-CN'), 'zh-CN');
  assert.equal(pickLocale('en-GB'), 'en');
  assert.equal(pickLocale('fr'), 'en');
});

test('msg and withStrings run in Node without a DOM', () => {
  assert.equal(typeof document, 'undefined');
  assert.equal(msg('Join', { id: 'prejoin.join' }), pickLocale() === 'zh-CN' ? '加入会议' : 'Join');
  const fakeElement = { getAttribute: (n: string) => (n === 'lang' ? 'zh-CN' : null), parentElement: null, getRootNode() { return this; } } as unknown as Element;
  assert.equal(withStrings(fakeElement, () => msg('Join', { id: 'prejoin.join' })), '加入会议');
});

test('the browser bundle carries no @lit/localize: a host app may use its own', async () => {
  const result = await build({ entryPoints: ['src/components/index.ts'], bundle: true, write: false, metafile: true, format: 'esm', platform: 'browser', logLevel: 'silent', outdir: 'out' });
  assert.deepEqual(Object.keys(result.metafile.inputs).filter((f) => f.includes('@lit/localize')), []);
});
