import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { templates } from '../../src/components/i18n/zh-CN.js';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

test('every English string of the elements has its Simplified Chinese translation', () => {
  const ids = new Set<string>();
  for (const file of sources('src/components')) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\{ id: '([^']+)' \}/g)) ids.add(m[1]!);
  }
  assert.ok(ids.size > 50);
  const missing = [...ids].filter((id) => !(id in templates)).sort();
  assert.deepEqual(missing, []);
});
