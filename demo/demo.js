// The demo page's script, a file of its own: the Content-Security-Policy allows no inline script.
// The demo portal listens on the next port (scripts/start.ts), another origin.
document.getElementById('portal-link').href = `${location.protocol}//${location.hostname}:${Number(location.port || 80) + 1}/`;
const form = document.getElementById('create');
form.addEventListener('submit', async (e) => {
  e.preventDefault();
  document.getElementById('error').textContent = '';
  const res = await fetch('/demo/api/meetings', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json;charset=utf-8' },
    body: JSON.stringify({ subject: new FormData(form).get('subject') }),
  });
  const body = await res.json();
  if (body.code !== 200) {
    document.getElementById('error').textContent = `${body.code}: ${body.msg}`;
    return;
  }
  const m = body.ret;
  document.getElementById('code').textContent = m.meetingId.replace(/(\d{3})(\d{3})(\d{3})/, '$1 $2 $3');
  for (const [id, href] of [['host', m.hostLink], ['guest', m.guestLink]]) {
    const a = document.getElementById(id);
    a.href = href;
    a.textContent = href;
  }
  document.getElementById('embed').textContent =
    `<script type="module" src="${location.origin}/assets/meeting-room.js"><\/script>\n<meeting-room server="${location.origin}" code="${m.meetingId}"></meeting-room>`;
  document.getElementById('links').classList.add('shown');
});
