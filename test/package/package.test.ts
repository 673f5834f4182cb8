import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/stack.js';
import { projectRoot } from '../support/test-server.js';

// Issue 11 part 2: what someone installing the package gets. `npm pack`, the tarball installed into a
// fresh project (from the npm cache where it can), then used as a consumer would: the README's examples.
const run = promisify(execFile);
const tsc = join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc');

let dir: string;
let pkg: string;

/** The README's examples that the test runs, each after a `<!-- package-test: FILE -->` line. */
async function readmeExamples(): Promise<Map<string, string>> {
  const readme = await readFile(join(projectRoot, 'README.md'), 'utf8');
  const examples = new Map<string, string>();
  for (const m of readme.matchAll(/<!-- package-test: (\S+) -->\n```\w+\n([\s\S]*?)```/g)) examples.set(m[1]!, m[2]!);
  return examples;
}

before(async () => {
  assert.ok(existsSync(join(projectRoot, 'dist', 'lib', 'components', 'index.js')), 'dist/lib is missing: run `npm run build` first');
  dir = await mkdtemp(join(tmpdir(), 'meeting-package-'));
  // The build is the caller's (npm test builds first): packing must not rebuild.
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: projectRoot, maxBuffer: 64 * 1024 * 1024 });
  const tarball = join(dir, (JSON.parse(stdout) as Array<{ filename: string }>)[0]!.filename);
  pkg = join(dir, 'app');
  await mkdir(pkg);
  await writeFile(join(pkg, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  // React only for the wrappers' check (an optional peer of the package).
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', tarball, 'react@19.3.1', 'react-dom@19.3.1'], { cwd: pkg, maxBuffer: 64 * 1024 * 1024 });
  for (const [file, code] of await readmeExamples()) await writeFile(join(pkg, file), code);
});
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the npm package, installed from its tarball', () => {
  test('ships what package.json promises and nothing of the repository besides', async () => {
    const manifest = JSON.parse(await readFile(join(pkg, 'node_modules', 'meeting-room', 'package.json'), 'utf8'));
    assert.equal(manifest.private, undefined);
    assert.match(manifest.dependencies.lit, /^\^/);
    assert.match(manifest.dependencies['livekit-client'], /^\^/);
    for (const file of [manifest.types, manifest.customElements, manifest.bin['meeting-room-server'], ...Object.values<any>(manifest.exports).flatMap((e) => (typeof e === 'string' ? [e] : Object.values(e)))]) {
      assert.ok(existsSync(join(pkg, 'node_modules', 'meeting-room', file)), `${file} is in the tarball`);
    }
    for (const absent of ['test', 'bench', 'scripts', '.data']) assert.ok(!existsSync(join(pkg, 'node_modules', 'meeting-room', absent)), `${absent}/ is not shipped`);
    const cem = JSON.parse(await readFile(join(pkg, 'node_modules', 'meeting-room', manifest.customElements), 'utf8'));
    const room = cem.modules.flatMap((m: any) => m.declarations).find((d: any) => d.tagName === 'meeting-room');
    assert.ok(room.customElement);
    assert.ok(room.events.some((e: any) => e.name === 'meeting-joined'));
    assert.ok(room.cssParts.length > 0 && room.cssProperties.length > 0);
  });

  test("the README's TypeScript and React examples type-check against the shipped .d.ts", async () => {
    await writeFile(
      join(pkg, 'events.ts'),
      [
        "import type { MeetingRoom } from 'meeting-room';",
        "const room = document.querySelector('meeting-room');",
        'export const el: MeetingRoom | null = room;',
        "room?.addEventListener('meeting-joined', (e) => {",
        '  const who: string = e.detail.identity;',
        '  // @ts-expect-error the detail is typed: no such field',
        '  e.detail.nothing;',
        '  return who;',
        '});',
      ].join('\n'),
    );
    await writeFile(
      join(pkg, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2023', 'DOM', 'DOM.Iterable'], jsx: 'react-jsx', strict: true, noEmit: true, skipLibCheck: true, types: [] },
        files: ['consumer.ts', 'consumer-react.tsx', 'events.ts'],
      }),
    );
    await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: pkg }).catch((err: { stdout?: string }) => assert.fail(`tsc: ${err.stdout}`));
  });

  test('importing the main entry in Node (no DOM) defines nothing and does not throw', async () => {
    const script = [
      "const m = await import('meeting-room');",
      "if (typeof window !== 'undefined') throw new Error('a DOM?');",
      "if (typeof m.MeetingRoom !== 'function' || typeof m.MeetingController !== 'function' || m.ErrorCode.MEETING_NOT_FOUND !== 2000) throw new Error('exports missing');",
      "if (globalThis.customElements?.get('meeting-room')) throw new Error('the main entry defined a tag');",
      "await import('meeting-room/server').then((s) => { if (typeof s.createApp !== 'function') throw new Error('no createApp'); });",
      "console.log('ok', Object.keys(m).length);",
    ].join('\n');
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: pkg });
    assert.match(stdout, /^ok \d+/);
  });

  test('`./define` loaded twice in Chromium, beside the CDN file: no error, every tag defined once', async () => {
    // Two apps that each bundled the package (two copies of the classes), then the CDN file: three definers.
    const bundles = await Promise.all(
      ['a', 'b'].map(async (name) => {
        const entry = join(pkg, `page-${name}.js`);
        await writeFile(entry, `import 'meeting-room/define';\nimport 'meeting-room/define';\nimport { elements } from 'meeting-room';\nwindow.copies = [...(window.copies ?? []), elements];\n`);
        const out = await build({ entryPoints: [entry], bundle: true, write: false, format: 'esm', platform: 'browser', logLevel: 'silent', absWorkingDir: pkg });
        return out.outputFiles[0]!.text;
      }),
    );
    const cdn = await readFile(join(pkg, 'node_modules', 'meeting-room', 'dist', 'assets', 'meeting-room.js'), 'utf8');
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      page.on('console', (msg) => void (msg.type() === 'error' && errors.push(msg.text())));
      // The CDN file alone registers every tag.
      const alone = await browser.newPage();
      alone.on('pageerror', (err) => errors.push(err.message));
      await alone.setContent('<!doctype html><html><body><meeting-room></meeting-room></body></html>');
      await alone.addScriptTag({ type: 'module', content: cdn });
      assert.equal(await alone.evaluate(() => customElements.whenDefined('meeting-room').then(() => customElements.get('meeting-toolbar') !== undefined)), true);
      await page.setContent('<!doctype html><html><body><meeting-room></meeting-room></body></html>');
      for (const content of [...bundles, cdn, cdn]) await page.addScriptTag({ type: 'module', content });
      const seen = await page.evaluate(async () => {
        const copies = (window as unknown as { copies: Array<Record<string, CustomElementConstructor>> }).copies;
        await customElements.whenDefined('meeting-room');
        return {
          copies: copies.length,
          distinct: copies[0]!['meeting-room'] !== copies[1]!['meeting-room'],
          firstWins: Object.entries(copies[0]!).every(([tag, cls]) => customElements.get(tag) === cls),
          upgraded: document.querySelector('meeting-room') instanceof copies[0]!['meeting-room']!,
        };
      });
      assert.deepEqual(errors, []);
      assert.deepEqual(seen, { copies: 2, distinct: true, firstWins: true, upgraded: true });
    } finally {
      await browser.close();
    }
  });

  test("`./react` maps every event of the custom-elements manifest (each element's @fires)", async () => {
    const script = [
      "import { readFileSync } from 'node:fs';",
      "const { reactEvents } = await import('meeting-room/react');",
      "const cem = JSON.parse(readFileSync('node_modules/meeting-room/dist/custom-elements.json', 'utf8'));",
      'const fired = Object.fromEntries(cem.modules.flatMap((m) => m.declarations).filter((d) => d.tagName && d.events?.length).map((d) => [d.tagName, d.events.map((e) => e.name).sort()]));',
      'const mapped = Object.fromEntries(Object.entries(reactEvents).map(([tag, names]) => [tag, [...names].sort()]));',
      'console.log(JSON.stringify({ fired, mapped }));',
    ].join('\n');
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: pkg });
    const { fired, mapped } = JSON.parse(stdout) as { fired: unknown; mapped: unknown };
    assert.deepEqual(mapped, fired, 'src/react/index.ts reactEvents lists what the elements fire');
  });

  test('`./react`: the wrapper sets properties and maps `meeting-*` events to `onMeeting…` props', async () => {
    const entry = join(pkg, 'page-react.js');
    await writeFile(
      entry,
      [
        "import { createElement } from 'react';",
        "import { createRoot } from 'react-dom/client';",
        "import { MeetingRoom } from 'meeting-room/react';",
        'window.left = [];',
        "createRoot(document.getElementById('app')).render(createElement(MeetingRoom, { id: 'room', theme: 'light', onMeetingLeft: (e) => window.left.push(e.detail.reason) }));",
      ].join('\n'),
    );
    const out = await build({ entryPoints: [entry], bundle: true, write: false, format: 'esm', platform: 'browser', logLevel: 'silent', absWorkingDir: pkg, define: { 'process.env.NODE_ENV': '"production"' } });
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      await page.setContent('<!doctype html><html><body><div id="app"></div></body></html>');
      await page.addScriptTag({ type: 'module', content: out.outputFiles[0]!.text });
      await page.waitForSelector('meeting-room#room');
      const seen = await page.evaluate(() => {
        const room = document.getElementById('room') as HTMLElement & { theme?: string };
        room.dispatchEvent(new CustomEvent('meeting-left', { detail: { reason: 'hung up' }, bubbles: true, composed: true }));
        return { theme: room.theme, left: (window as unknown as { left: string[] }).left, defined: customElements.get('meeting-room') === room.constructor };
      });
      assert.deepEqual(errors, []);
      assert.deepEqual(seen, { theme: 'light', left: ['hung up'], defined: true });
    } finally {
      await browser.close();
    }
  });

  test("the `meeting-room-server` command and the README's library example start the server from the install", async () => {
    const env = {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LIVEKIT_URL: 'ws://127.0.0.1:7880',
      LIVEKIT_API_KEY: 'APItestkey',
      LIVEKIT_API_SECRET: 'test-secret-that-is-at-least-32-characters-long',
      LOG_LEVEL: 'silent',
    };
    const bin = join(pkg, 'node_modules', '.bin', 'meeting-room-server');
    const serve = async (name: string, script: string) => {
      const child = spawn(process.execPath, [script], { cwd: pkg, env: { ...env, DATA_DIR: join(dir, `data-${name}`) }, stdio: ['ignore', 'pipe', 'inherit'] });
      try {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        while (!/http:\/\/127\.0\.0\.1:\d+/.test(out)) {
          if (child.exitCode !== null) assert.fail(`${name} exited: ${out}`);
          await Promise.race([once(child.stdout, 'data'), once(child, 'exit')]);
        }
        const url = out.match(/http:\/\/127\.0\.0\.1:\d+/)![0];
        const res = await new Promise<{ status?: number; encoding?: string }>((resolve, reject) =>
          request(`${url}/assets/meeting-room.js`, { headers: { 'Accept-Encoding': 'br' } }, (r) => {
            r.resume();
            resolve({ status: r.statusCode, encoding: r.headers['content-encoding'] });
          })
            .on('error', reject)
            .end(),
        );
        assert.deepEqual(res, { status: 200, encoding: 'br' }, `${name}: the installed bundle is served`);
      } finally {
        if (child.exitCode === null) {
          child.kill('SIGTERM');
          await once(child, 'exit');
        }
      }
    };
    await Promise.all([serve('bin', bin), serve('library', join(pkg, 'server.mjs'))]);
  });
});
