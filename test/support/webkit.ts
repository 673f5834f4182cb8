import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { freePort } from '../../scripts/livekit.js';

/**
 * Debian's WebKitGTK (issue 14): MiniBrowser under Xvfb, driven through WebKitWebDriver. The few
 * WebDriver calls a test needs are plain HTTP (W3C WebDriver), so no client library is added.
 */
export const MINIBROWSER = process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const DRIVER = '/usr/bin/WebKitWebDriver';
const XVFB = '/usr/bin/Xvfb';

export const missingWebkit = (): string | undefined =>
  [MINIBROWSER, DRIVER, XVFB].find((path) => !existsSync(path)) && `needs ${[MINIBROWSER, DRIVER, XVFB].filter((p) => !existsSync(p)).join(', ')} (apt-get install webkit2gtk-driver xvfb)`;

export interface WebkitSession {
  goto(url: string): Promise<void>;
  /** Runs `script` (a function body; `arguments` holds `args`) in the page and answers its value. */
  run<T>(script: string, ...args: unknown[]): Promise<T>;
  close(): Promise<void>;
}

export async function startWebkit(): Promise<WebkitSession> {
  const children: ChildProcess[] = [];
  const stop = async () => {
    for (const child of children.reverse()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  };
  try {
    const display = `:${90 + Math.floor(Math.random() * 400)}`;
    const xvfb = spawn(XVFB, [display, '-nolisten', 'tcp', '-screen', '0', '1280x800x24'], { stdio: 'ignore' });
    children.push(xvfb);
    const socket = `/tmp/.X11-unix/X${display.slice(1)}`;
    await until(() => existsSync(socket), 'Xvfb did not start');
    const port = await freePort();
    const driver = spawn(DRIVER, [`--port=${port}`], { stdio: 'ignore', env: { ...process.env, DISPLAY: display } });
    children.push(driver);
    const base = `http://127.0.0.1:${port}`;
    await until(async () => (await fetch(`${base}/status`).catch(() => undefined))?.ok === true, 'WebKitWebDriver did not answer');
    const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      const json = (await res.json()) as { value: T & { error?: string; message?: string } };
      if (!res.ok) throw new Error(`WebDriver ${method} ${path}: ${json.value.error} ${json.value.message}`);
      return json.value;
    };
    const { sessionId } = await call<{ sessionId: string }>('POST', '/session', {
      capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } } },
    });
    const session = `/session/${sessionId}`;
    return {
      goto: async (url) => void (await call('POST', `${session}/url`, { url })),
      run: (script, ...args) => call('POST', `${session}/execute/sync`, { script, args }),
      async close() {
        await call('DELETE', session).catch(() => undefined);
        await stop();
      },
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(what);
    await new Promise((r) => setTimeout(r, 100));
  }
}
