import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { callApi } from '../support/signed.js';
import { startStack, type Stack } from '../support/stack.js';
import { joinFromLink, ownIdentity, tileOf, waitFor } from '../support/page-helpers.js';

/** Local recording (SPEC R9) between two real pages: what one records, the other is shown. */
let stack: Stack;

before(async () => {
  stack = await startStack();
});
after(async () => {
  await stack?.stop();
});

type Room = HTMLElement & {
  snapshot: { recording: { state: string }; participants: Array<{ isLocal: boolean; recording: boolean }> };
  startRecording(): Promise<void>;
  stopRecording(): Promise<Blob>;
};

const recorderState = (page: Page) => page.evaluate(() => (document.querySelector('meeting-room') as unknown as Room).snapshot.recording.state);
const badge = (page: Page) => page.locator('meeting-header .badge.recording');

/**
 * Stops the recording through the element's API and plays it back in the page: its type, first
 * bytes, how much of a frame is neither the canvas background nor an empty tile (the videos drawn),
 * and the audio decoded.
 */
const stopAndRead = (page: Page) =>
  page.evaluate(async () => {
    const blob = await (document.querySelector('meeting-room') as unknown as Room).stopRecording();
    const video = Object.assign(document.createElement('video'), { muted: true, src: URL.createObjectURL(blob) });
    await video.play();
    await new Promise<void>((resolve) => {
      const check = () => (video.currentTime > 0.5 || video.ended ? resolve() : video.requestVideoFrameCallback(check));
      video.requestVideoFrameCallback(check);
    });
    const canvas = Object.assign(document.createElement('canvas'), { width: 160, height: 90 });
    const g = canvas.getContext('2d')!;
    g.drawImage(video, 0, 0, 160, 90);
    const pixels = g.getImageData(0, 0, 160, 90).data;
    const plain = [
      [0x11, 0x13, 0x18],
      [0x23, 0x26, 0x2d],
    ];
    let drawn = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      if (plain.every(([r, gr, b]) => Math.abs(pixels[i]! - r!) + Math.abs(pixels[i + 1]! - gr!) + Math.abs(pixels[i + 2]! - b!) > 60)) drawn++;
    }
    const audioBytes = (video as unknown as { webkitAudioDecodedByteCount: number }).webkitAudioDecodedByteCount;
    video.pause();
    return { size: blob.size, type: blob.type, head: [...new Uint8Array(await blob.slice(0, 4).arrayBuffer())], width: video.videoWidth, drawn: drawn / (160 * 90), audioBytes };
  });

describe('local recording between two pages', () => {
  let host: Page;
  let guest: Page;

  before(async () => {
    const res = await callApi(stack.server.url, stack.server.services.devTenant, '/v2/meeting/create', { type: 1, subject: 'Recorded' });
    const meeting = res.body.ret as { hostLink: string; guestLink: string };
    host = await stack.newPage();
    guest = await stack.newPage();
    await joinFromLink(host, meeting.hostLink, 'Hana Host');
    await joinFromLink(guest, meeting.guestLink, 'Gus Guest');
    await tileOf(guest, await ownIdentity(host)).waitFor();
  });

  test('the guest records (everyone sees "Recording"), pauses, resumes, stops: a WebM file with the grid drawn and an audio track, to save', async () => {
    await guest.locator('meeting-recorder button.record').click();
    await waitFor('the host is shown the recording', async () => (await badge(host).count()) === 1);
    const timer = guest.locator('meeting-recorder [role=timer] .clock');
    await waitFor('the timer runs', async () => ((await timer.textContent()) ?? '00:00') !== '00:00');
    await guest.locator('meeting-recorder button.pause').click();
    assert.equal(await recorderState(guest), 'paused');
    assert.equal(await guest.locator('meeting-recorder button.pause').getAttribute('aria-pressed'), 'true');
    await guest.locator('meeting-recorder button.pause').click();
    assert.equal(await recorderState(guest), 'recording');

    const file = await stopAndRead(guest);
    assert.ok(file.size > 0, 'something was recorded');
    assert.equal(file.type, 'video/webm');
    assert.deepEqual(file.head, [0x1a, 0x45, 0xdf, 0xa3], 'a WebM (EBML) file');
    assert.ok(file.width > 0, 'it has video');
    assert.ok(file.drawn > 0.05, `the videos are drawn (${file.drawn} of the frame)`);
    assert.ok(file.audioBytes > 0, 'it has an audio track (the mix)');
    await waitFor('nobody records: the mark goes', async () => (await badge(host).count()) === 0);

    const download = guest.waitForEvent('download');
    await guest.locator('meeting-recorder button.save').click();
    assert.match((await download).suggestedFilename(), /^meeting-Recorded-\d{4}-\d\d-\d\d-\d{4}\.webm$/);
  });

  test('the host forbids local recording: the running recording stops, and a new start is refused with the reason', async () => {
    await guest.evaluate(() => (document.querySelector('meeting-room') as unknown as Room).startRecording());
    await waitFor('the host is shown the recording', async () => (await badge(host).count()) === 1);
    await host.locator('meeting-toolbar button.people').click();
    const allow = host.locator('meeting-host-controls button.local-recording');
    assert.equal(await allow.getAttribute('aria-pressed'), 'true');
    await allow.click();
    await waitFor("the guest's recording stopped", async () => (await recorderState(guest)) === 'idle');
    await waitFor('the guest is told why', async () => (await guest.locator('meeting-notices [data-notice="recording-stopped"]').count()) === 1);
    await waitFor('the mark goes', async () => (await badge(host).count()) === 0);

    const refusal = await guest.evaluate(() =>
      (document.querySelector('meeting-room') as unknown as Room).startRecording().then(
        () => null,
        (err: { code: number; msg: string }) => ({ code: err.code, msg: err.msg }),
      ),
    );
    assert.deepEqual(refusal, { code: 2103, msg: 'The host does not allow recording this meeting' });
    assert.equal(await recorderState(guest), 'idle');
    assert.equal(await badge(host).count(), 0);
  });
});
