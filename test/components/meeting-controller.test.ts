import { expect, waitUntil } from '@open-wc/testing';
import { ConnectionQuality, Track, type Room } from 'livekit-client';
import { MeetingController } from '../../src/client/meeting-controller.js';
import { Participants, RECONNECT_GRACE_MS, participantViews } from '../../src/client/participants.js';
import { initialSnapshot, type MeetingSnapshot } from '../../src/client/snapshot.js';
import type { JoinGrant } from '../../src/protocol/join.js';
import { FakeMeetingApi, refusal } from './fixtures.js';

/** Enough of a LiveKit participant for the views. */
function participant(identity: string, joinedAt: number, over: Record<string, unknown> = {}) {
  return {
    identity,
    name: identity.toUpperCase(),
    attributes: {} as Record<string, string>,
    isSpeaking: false,
    connectionQuality: ConnectionQuality.Good,
    joinedAt: new Date(joinedAt),
    getTrackPublication: (_source: Track.Source) => undefined as unknown,
    ...over,
  };
}

function room(local: ReturnType<typeof participant>, ...remote: Array<ReturnType<typeof participant>>) {
  return { localParticipant: local, remoteParticipants: new Map(remote.map((p) => [p.identity, p])), activeSpeakers: [] } as unknown as Room;
}

describe('participant views', () => {
  it('keep the same frozen object for an unchanged person, and the same list when nobody changed', () => {
    const me = participant('me', 1);
    const ada = participant('ada', 2);
    const bob = participant('bob', 3);
    const lk = room(me, bob, ada);
    const first = participantViews(lk);
    expect(first.map((p) => p.identity)).to.deep.equal(['me', 'ada', 'bob']);
    expect(Object.isFrozen(first) && first.every(Object.isFrozen)).to.equal(true);

    expect(participantViews(lk, first)).to.equal(first);

    ada.isSpeaking = true;
    const second = participantViews(lk, first);
    expect(second).to.not.equal(first);
    expect(second[0]).to.equal(first[0]);
    expect(second[1]).to.not.equal(first[1]);
    expect(second[1]!.speaking).to.equal(true);
    expect(second[2]).to.equal(first[2]);

    (lk.remoteParticipants as Map<string, unknown>).delete('bob');
    const third = participantViews(lk, second);
    expect(third.map((p) => p.identity)).to.deep.equal(['me', 'ada']);
    expect(third[0]).to.equal(second[0]);
    expect(third[1]).to.equal(second[1]);
  });

  it('keep someone LiveKit let go while reconnecting as "reconnecting" until 20 s after the loss (SPEC J7); one who left is gone at once', async () => {
    let snapshot: MeetingSnapshot = initialSnapshot;
    let now = 1_000;
    const me = participant('me', 1);
    const ada = participant('ada', 2);
    const bob = participant('bob', 3);
    const cy = participant('cy', 4);
    const lk = room(me, ada, bob, cy);
    let onLeft: (p: unknown, reason?: number) => void = () => {};
    Object.assign(lk, { on: (_e: string, f: typeof onLeft) => (onLeft = f), off: () => {} });
    const part: Participants = new Participants({ get snapshot() { return snapshot; }, set: (c) => (snapshot = { ...snapshot, ...c }), refresh: () => part.refresh(lk), error: () => {} }, () => now);
    part.attach(lk);
    part.refresh(lk);
    // Cy's connection is lost, then they leave by choice: no one to wait for.
    cy.connectionQuality = ConnectionQuality.Lost;
    part.refresh(lk);
    (lk.remoteParticipants as Map<string, unknown>).delete('cy');
    part.refresh(lk);
    onLeft(cy, 1);
    expect(snapshot.participants.map((p) => p.identity)).to.deep.equal(['me', 'ada', 'bob'], 'a leave while reconnecting is a leave');
    ada.connectionQuality = ConnectionQuality.Lost;
    part.refresh(lk);
    expect(snapshot.participants.find((p) => p.identity === 'ada')!.reconnecting).to.equal(true);
    now += RECONNECT_GRACE_MS - 5_020;
    (lk.remoteParticipants as Map<string, unknown>).delete('ada');
    (lk.remoteParticipants as Map<string, unknown>).delete('bob');
    part.refresh(lk);
    expect(snapshot.participants.map((p) => p.identity)).to.deep.equal(['me', 'ada'], 'bob left; ada is still reconnecting, in her place');
    const ghost = snapshot.participants[1]!;
    expect([ghost.reconnecting, ghost.away, ghost.cameraOn, ghost.cameraTrack]).to.deep.equal([true, true, false, undefined]);
    part.refresh(lk);
    expect(snapshot.participants[1]).to.equal(ghost, 'the same object while nothing changed');
    // Back in time: the placeholder gives way to the new connection.
    const again = participant('ada', 5);
    (lk.remoteParticipants as Map<string, unknown>).set('ada', again);
    part.refresh(lk);
    expect(snapshot.participants.find((p) => p.identity === 'ada')!.reconnecting).to.equal(false);
    // Lost again and never back: gone once the grace is over (20 ms here).
    again.connectionQuality = ConnectionQuality.Lost;
    part.refresh(lk);
    now += RECONNECT_GRACE_MS - 20;
    (lk.remoteParticipants as Map<string, unknown>).delete('ada');
    part.refresh(lk);
    expect(snapshot.participants.map((p) => p.identity)).to.deep.equal(['me', 'ada']);
    await waitUntil(() => snapshot.participants.length === 1, 'the placeholder outlived its grace');
  });

  it('carry a remote microphone even while muted (the audio stays attached), never my own', () => {
    const track = { kind: 'audio' };
    const publication = (source: Track.Source) => (source === Track.Source.Microphone ? { isMuted: true, track } : undefined);
    const views = participantViews(room(participant('me', 1, { getTrackPublication: publication }), participant('ada', 2, { getTrackPublication: publication })));
    expect(views[0]!.audioTrack).to.equal(undefined);
    expect(views[1]!.audioTrack).to.equal(track);
    expect(views[1]!.micOn).to.equal(false);
  });
});

describe('MeetingController over an injected MeetingApi', () => {
  const grant: JoinGrant = {
    serverUrl: 'ws://127.0.0.1:9',
    token: 'x.eyJ9.y',
    identity: 'p_h',
    name: 'Hana',
    role: 'host',
    roleDowngraded: false,
    meeting: { meetingUniqueId: 7, meetingId: '123456789', subject: 'Standup', status: 1, startTime: 0 },
  };

  async function prepared(api: FakeMeetingApi) {
    const controller = new MeetingController({ api });
    await controller.prepare({ kind: 'link', server: 'https://meet.example', params: { code: '123456789' } }, { audio: false, video: false });
    return controller;
  }

  it('sends host and self actions as the person, with the newest token', async () => {
    const api = new FakeMeetingApi(() => grant);
    const controller = await prepared(api);
    expect(controller.snapshot.phase).to.equal('prejoin');
    expect(controller.snapshot.me).to.deep.equal({ identity: 'p_h', name: 'Hana', role: 'host', roleDowngraded: false });
    expect(await controller.host.mute('p_a')).to.equal(true);
    expect(await controller.setHand(true)).to.equal(true);
    expect(await controller.renameMe('Hana H')).to.equal(true);
    expect(api.seen).to.deep.equal([
      { call: 'control', body: { action: 'mute', target: 'p_a' } },
      { call: 'hand', body: { raised: true } },
      { call: 'self', body: { action: 'rename', name: 'Hana H' } },
    ]);
    expect(controller.token).to.equal('x.eyJ9.y');
    await controller.destroy();
  });

  it('turns a refusal into a notice and an error event', async () => {
    const api = new FakeMeetingApi(() => grant);
    api.control = async () => {
      throw refusal(2100, 'hosts only');
    };
    const controller = await prepared(api);
    const errors: number[] = [];
    controller.on('error', (e) => errors.push(e.detail.code));
    expect(await controller.host.end()).to.equal(false);
    expect(errors).to.deep.equal([2100]);
    expect(controller.snapshot.notices.map((n) => [n.type, n.code])).to.deep.equal([['action-failed', 2100]]);
    controller.dismissNotice(controller.snapshot.notices[0]!.id);
    expect(controller.snapshot.notices).to.deep.equal([]);
    await controller.destroy();
  });

  it('says a bare-token join cannot reach the meeting server (3003)', async () => {
    const controller = new MeetingController({ api: new FakeMeetingApi(() => grant) });
    await controller.prepare({ kind: 'token', serverUrl: 'ws://127.0.0.1:9', token: `x.${btoa(JSON.stringify({ sub: 'p_t', name: 'Tok' }))}.y` }, { audio: false, video: false });
    expect(controller.snapshot.me?.identity).to.equal('p_t');
    const errors: number[] = [];
    controller.on('error', (e) => errors.push(e.detail.code));
    expect(await controller.setHand(true)).to.equal(false);
    expect(errors).to.deep.equal([3003]);
    await controller.destroy();
  });

  it('waits in the waiting room with the name asked again, shows the place, and stops waiting on leave', async () => {
    const ticket: JoinGrant = { ...grant, token: '', role: 'attendee', waitingTicket: 'T1' };
    const api = new FakeMeetingApi(() => ticket);
    const controller = await prepared(api);
    const joined = controller.join('Wendy');
    await waitUntil(() => api.pendingWait, 'no wait');
    expect(controller.snapshot.phase).to.equal('waiting');
    expect(api.joins.map((j) => j.name)).to.deep.equal([undefined, 'Wendy']);
    expect(api.pendingWait!.ticket).to.equal('T1');
    api.pendingWait!.position(3);
    expect(controller.snapshot.waitingPosition).to.equal(3);
    await controller.leave();
    await api.pendingWait!.aborted;
    await joined;
    expect(controller.snapshot.phase).to.equal('left');
    expect(controller.snapshot.error).to.equal(undefined);
    await controller.destroy();
  });
});
