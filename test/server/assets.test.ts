import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { readAssetsManifest, type AssetEntry } from '../../src/server/routes/pages.js';
import { projectRoot, startTestServer, type TestServer } from '../support/test-server.js';

// Issue 11 part 9: the bundle pre-compressed by the build, under a content-hashed immutable URL and a stable alias.
const SHOP = 'https://shop.example';

let server: TestServer;
let bundle: AssetEntry;
let plain: Buffer;

before(async () => {
  const manifest = readAssetsManifest(join(projectRoot, 'dist', 'assets-manifest.json'));
  assert.ok(manifest['meeting-room.js'], 'dist/assets-manifest.json names meeting-room.js: run `npm run build` first');
  bundle = manifest['meeting-room.js'];
  plain = readFileSync(join(projectRoot, 'dist', 'assets', 'meeting-room.js'));
  server = await startTestServer({ env: { EMBED_ORIGINS: SHOP } });
});
after(() => server.stop());

/** A GET that leaves the body as sent (fetch would decompress it and choose Accept-Encoding itself). */
function rawGet(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(new URL(path, server.url), { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

describe('the browser bundle, pre-compressed', () => {
  for (const url of ['/assets/meeting-room.js', 'hashed']) {
    const path = () => (url === 'hashed' ? bundle.url : url);
    test(`${url}: brotli when the browser takes it, gzip when only that, plain otherwise; Vary says so`, async () => {
      const br = await rawGet(path(), { 'Accept-Encoding': 'gzip, deflate, br' });
      assert.equal(br.status, 200);
      assert.equal(br.headers['content-encoding'], 'br');
      assert.match(String(br.headers['content-type']), /javascript/);
      assert.ok(br.body.length < plain.length);
      assert.ok(brotliDecompressSync(br.body).equals(plain));
      assert.match(String(br.headers.vary), /Accept-Encoding/);
      assert.match(String(br.headers.vary), /Origin/);

      const gz = await rawGet(path(), { 'Accept-Encoding': 'gzip' });
      assert.equal(gz.headers['content-encoding'], 'gzip');
      assert.ok(gunzipSync(gz.body).equals(plain));

      for (const headers of [{}, { 'Accept-Encoding': 'identity' }] as Array<Record<string, string>>) {
        const none = await rawGet(path(), headers);
        assert.equal(none.status, 200);
        assert.equal(none.headers['content-encoding'], undefined);
        assert.ok(none.body.equals(plain));
      }
    });
  }

  test('the hashed URL is cached for good, the alias briefly', async () => {
    assert.match(bundle.url, /^\/assets\/meeting-room\.[0-9a-f]{16}\.js$/);
    for (const enc of ['br', 'gzip', 'identity']) {
      const hashed = await rawGet(bundle.url, { 'Accept-Encoding': enc });
      assert.equal(hashed.headers['cache-control'], 'public, max-age=31536000, immutable');
      const alias = await rawGet('/assets/meeting-room.js', { 'Accept-Encoding': enc });
      assert.equal(alias.headers['cache-control'], 'public, max-age=300');
    }
  });

  test('the manifest tells the truth: the SRI hash and the sizes are those of what is served', async () => {
    const served = await rawGet(bundle.url);
    assert.equal(bundle.integrity, `sha384-${createHash('sha384').update(served.body).digest('base64')}`);
    assert.equal(bundle.bytes, served.body.length);
    assert.equal(bundle.brotli, (await rawGet(bundle.url, { 'Accept-Encoding': 'br' })).body.length);
    assert.equal(bundle.gzip, (await rawGet(bundle.url, { 'Accept-Encoding': 'gzip' })).body.length);
  });

  test('CORS stays: an allowed embedding origin gets the compressed bundle with its grant, a stranger none', async () => {
    for (const path of [bundle.url, '/assets/meeting-room.js']) {
      const allowed = await rawGet(path, { Origin: SHOP, 'Accept-Encoding': 'br' });
      assert.equal(allowed.headers['content-encoding'], 'br');
      assert.equal(allowed.headers['access-control-allow-origin'], SHOP);
      assert.equal(allowed.headers['access-control-allow-credentials'], undefined);
      const stranger = await rawGet(path, { Origin: 'https://evil.example', 'Accept-Encoding': 'br' });
      assert.equal(stranger.headers['access-control-allow-origin'], undefined);
      assert.match(String(stranger.headers.vary), /Origin/);
    }
  });

  test('the join page loads the hashed bundle with its SRI hash', async () => {
    const page = (await rawGet('/join?code=123456789')).body.toString();
    assert.ok(page.includes(`<script type="module" src="${bundle.url}" integrity="${bundle.integrity}"></script>`), page);
  });

  test('the join page preloads livekit-client, the chunk the bundle imports at join, with the SRI hash of what is served', async () => {
    const chunk = readAssetsManifest(join(projectRoot, 'dist', 'assets-manifest.json'))['livekit-client.js']!;
    assert.match(chunk.url, /^\/assets\/chunks\/livekit-client\.[0-9a-f]{16}\.js$/);
    // The very file the bundle imports: its name is in the bundle.
    assert.ok(plain.toString().includes(`./${chunk.url.slice('/assets/'.length)}`), 'the bundle imports the chunk of the manifest');
    for (const path of ['/join?code=123456789', '/embed?code=123456789']) {
      const page = (await rawGet(path)).body.toString();
      assert.ok(page.includes(`<link rel="modulepreload" href="${chunk.url}" integrity="${chunk.integrity}">`), page);
    }
    const served = await rawGet(chunk.url);
    assert.equal(served.status, 200);
    assert.equal(chunk.integrity, `sha384-${createHash('sha384').update(served.body).digest('base64')}`);
    assert.equal(chunk.bytes, served.body.length);
    assert.equal(chunk.gzip, (await rawGet(chunk.url, { 'Accept-Encoding': 'gzip' })).body.length);
    assert.equal(served.headers['cache-control'], 'public, max-age=31536000, immutable');
  });

  test('/assets/manifest.json tells pages and tools what to pin, with the CORS of the bundle', async () => {
    const res = await rawGet('/assets/manifest.json', { Origin: SHOP });
    assert.equal(res.status, 200);
    assert.equal(res.headers['cache-control'], 'no-cache');
    assert.equal(res.headers['access-control-allow-origin'], SHOP);
    assert.deepEqual((JSON.parse(res.body.toString()) as Record<string, AssetEntry>)['meeting-room.js'], bundle);
  });

  test('an unknown asset is a 404, and nothing outside the assets folder is served', async () => {
    const missing = await rawGet('/assets/meeting-room.0000000000000000.js');
    assert.equal(missing.status, 404);
    assert.equal(typeof (JSON.parse(missing.body.toString()) as { code: unknown }).code, 'number');
    assert.equal((await rawGet('/assets/../server.js')).status, 404);
    assert.equal((await rawGet('/assets/server.js')).status, 404);
  });
});
