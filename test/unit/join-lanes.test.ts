import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { JoinLanes } from '../../src/server/services/limits.js';

const tick = () => new Promise((r) => setImmediate(r));

describe('JoinLanes: one meeting’s joins, a few at a time', () => {
  test('at most `width` run at once in a lane, the rest in order; other lanes do not wait', async () => {
    const lanes = new JoinLanes(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const gates: (() => void)[] = [];
    const work = (i: number) =>
      lanes.run('code:1', async () => {
        running++;
        most = Math.max(most, running);
        order.push(i);
        await new Promise<void>((r) => gates.push(r));
        running--;
        return i;
      });
    const all = [0, 1, 2, 3, 4].map(work);
    await tick();
    assert.deepEqual(order, [0, 1], 'two started, three wait');
    assert.equal(await lanes.run('code:2', async () => 'other'), 'other', 'another lane runs at once');
    while (gates.length) {
      gates.shift()!();
      await tick();
    }
    assert.deepEqual(await Promise.all(all), [0, 1, 2, 3, 4]);
    assert.deepEqual(order, [0, 1, 2, 3, 4]);
    assert.equal(most, 2);
  });

  test('a failed join gives its place to the next', async () => {
    const lanes = new JoinLanes(1);
    const first = lanes.run('room:r', async () => {
      throw new Error('refused');
    });
    const second = lanes.run('room:r', async () => 'next');
    await assert.rejects(first, /refused/);
    assert.equal(await second, 'next');
  });
});
