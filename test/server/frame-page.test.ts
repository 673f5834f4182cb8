import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FRAME_ORIGINS_ELEMENT_ID } from '../../src/protocol/frame-api.js';
import { callApi } from '../support/signed.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

// Issue 11 part 5: /embed carries the iframe API's bridge and the origins it answers; the portal's helper is served.
const PORTAL = 'http://portal.test:8080';

let server: TestServer;
let code: string;

before(async () => {
  server = await startTestServer({ env: { EMBED_ORIGINS: PORTAL } });
  code = (await callApi(server.url, server.services.devTenant, '/v2/meeting/create', { type: 1, subject: 'Framed' })).body.ret.meetingId;
});
after(() => server.stop());

async function page(path: string) {
  const res = await fetch(new URL(path, server.url));
  const html = await res.text();
  const listed = new RegExp(`<script type="application/json" id="${FRAME_ORIGINS_ELEMENT_ID}">([^<]*)</script>`).exec(html)?.[1];
  const ancestors = /frame-ancestors ([^;]*)/.exec(res.headers.get('content-security-policy') ?? '')?.[1]?.split(' ');
  return { res, html, origins: listed === undefined ? undefined : (JSON.parse(listed) as string[]), ancestors };
}

describe('/embed and the iframe API', () => {
  test("the page lists exactly its frame-ancestors for the bridge, and loads the bridge after the elements", async () => {
    const embed = await page(`/embed?code=${code}`);
    assert.equal(embed.res.status, 200);
    assert.deepEqual(embed.origins, ["'self'", PORTAL]);
    assert.deepEqual(embed.ancestors, embed.origins);
    // The bundles' content-hashed URLs when the build wrote its manifest, else their aliases.
    const at = (name: string) => embed.html.search(new RegExp(`/assets/${name}(\\.[0-9a-f]{16})?\\.js`));
    assert.ok(at('meeting-room') > 0 && at('meeting-room') < at('frame-bridge'), 'the bridge loads after the elements');
  });

  test("a link of no tenant lists only 'self'; /join has no bridge at all", async () => {
    assert.deepEqual((await page('/embed?code=000000000')).origins, ["'self'"]);
    assert.deepEqual((await page('/embed')).origins, ["'self'"]);
    const join = await page(`/join?code=${code}`);
    assert.equal(join.origins, undefined);
    assert.doesNotMatch(join.html, /frame-bridge/);
  });

  test('the bridge and the helper are served; the helper with CORS for an allowed origin only', async () => {
    const bridge = await fetch(new URL('/assets/frame-bridge.js', server.url));
    assert.equal(bridge.status, 200);
    assert.match(bridge.headers.get('content-type') ?? '', /javascript/);
    const helper = await fetch(new URL('/assets/meeting-frame.js', server.url), { headers: { Origin: PORTAL } });
    assert.equal(helper.status, 200);
    assert.match(await helper.text(), /MeetingFrame/);
    assert.equal(helper.headers.get('access-control-allow-origin'), PORTAL);
    const stranger = await fetch(new URL('/assets/meeting-frame.js', server.url), { headers: { Origin: 'https://evil.example' } });
    assert.equal(stranger.headers.get('access-control-allow-origin'), null);
  });
});
