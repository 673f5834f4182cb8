// The portal's iframe half (issue 11 part 10): the same meeting through the server's helper script
// (MeetingFrame.create), driven with promises and told of its events. No inline script: the
// portal's CSP allows its own files and the meeting server's only.
const box = document.querySelector('#meeting');
const status = document.querySelector('#status');
const log = document.querySelector('#events');
const say = (text) => (status.textContent = text);
/** What the frame tells, newest last: a log, so that one event does not hide the one before. */
const note = (text) => log.append(Object.assign(document.createElement('li'), { textContent: text }));
const meeting = MeetingFrame.create(box, {
  server: box.dataset.server,
  code: box.dataset.code,
  name: box.dataset.name,
  lang: document.documentElement.lang === 'zh-CN' ? 'zh-CN' : 'en',
  params: { sign: box.dataset.sign },
});
meeting.on('meeting-joined', (me) => note(`In the meeting as ${me.role} · 已入会`));
meeting.on('meeting-participant-joined', (p) => note(`${p.name} is here · 在会议中`));
meeting.on('meeting-participant-left', (p) => note(`${p.name} left · 离开了会议`));
meeting.on('meeting-error', (e) => note(`Error ${e.code}: ${e.msg}`));
document.querySelector('#mic').onclick = () => meeting.toggleMic().then((on) => say(on ? 'Microphone on · 麦克风已开' : 'Microphone off · 麦克风已关'), (e) => say(`Error ${e.code}: ${e.message}`));
document.querySelector('#hand').onclick = () => meeting.raiseHand(true).then(() => say('Hand raised · 已举手'), (e) => say(`Error ${e.code}: ${e.message}`));
document.querySelector('#leave').onclick = () => meeting.leave().then(() => say('Left · 已离开'));
