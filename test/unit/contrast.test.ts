import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DARK_TEXT, textOn } from '../../src/components/styles/contrast.js';

test('text on an accent: white on dark colours, dark on light ones', () => {
  for (const dark of ['#1a66d9', '#aa3300', '#000000', '#cc3338', '#6b21a8']) assert.equal(textOn(dark), 'white', dark);
  for (const light of ['#ffd400', '#ffffff', '#3ddc84', '#9ecbff', '#f5b400']) assert.equal(textOn(light), DARK_TEXT, light);
});
