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

  test('a crowded lane rests after each join, 3 times as long as it took; meanwhile another meeting goes in', async () => {
    const lanes = new JoinLanes(1, 3);
    const events: string[] = [];
    const spans: Array<{ start: number; end: number }> = [];
    let other: Promise<unknown> | undefined;
    const crowd = [0, 1, 2].map((i) =>
      lanes.run('code:1', async () => {
        const start = performance.now();
        events.push(`start ${i}`);
        await new Promise((r) => setTimeout(r, 20));
        events.push(`end ${i}`);
        spans.push({ start, end: performance.now() });
        // During the first one's rest, another meeting's join comes.
        if (i === 0) other = lanes.run('code:2', async () => void events.push('other meeting'));
      }),
    );
    await Promise.all(crowd);
    await other;
    assert.deepEqual(events, ['start 0', 'end 0', 'other meeting', 'start 1', 'end 1', 'start 2', 'end 2']);
    for (const k of [1, 2]) {
      const took = spans[k - 1]!.end - spans[k - 1]!.start;
      const rested = spans[k]!.start - spans[k - 1]!.end;
      assert.ok(rested >= 3 * took - 2, `join ${k} started ${rested.toFixed(1)} ms after the one before ended, which took ${took.toFixed(1)} ms`);
    }
  });

  test('without a rest factor, the next in line starts when the place is free, before any timer', async () => {
    const lanes = new JoinLanes(1);
    const events: string[] = [];
    const first = lanes.run('code:1', async () => void events.push('first'));
    const second = lanes.run('code:1', async () => void events.push('second'));
    setTimeout(() => events.push('timer'), 0);
    await Promise.all([first, second]);
    assert.deepEqual(events, ['first', 'second']);
  });

  test('a lane rests at most maxRestMs, however long the join took', async () => {
    const lanes = new JoinLanes(1, 100, Infinity, 5);
    const events: string[] = [];
    const first = lanes.run('code:1', async () => {
      await new Promise((r) => setTimeout(r, 30));
      events.push('first');
    });
    const second = lanes.run('code:1', async () => void events.push('second'));
    await first;
    // Uncapped, the rest would be 3 s.
    const timer = new Promise<void>((r) => setTimeout(() => r(void events.push('timer')), 1000));
    await second;
    assert.deepEqual(events, ['first', 'second']);
    await timer;
  });

  test('past maxQueued waiting in a lane, a join is refused at once (510) and the others still run', async () => {
    const lanes = new JoinLanes(1, 0, 2);
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const running = lanes.run('code:1', () => gate.then(() => 'running'));
    const waiting = [lanes.run('code:1', async () => 'a'), lanes.run('code:1', async () => 'b')];
    await tick();
    await assert.rejects(lanes.run('code:1', async () => 'c'), (err: { code?: number }) => err.code === 510);
    assert.equal(await lanes.run('code:2', async () => 'other'), 'other');
    open();
    assert.deepEqual(await Promise.all([running, ...waiting]), ['running', 'a', 'b']);
  });
});
