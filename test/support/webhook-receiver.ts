import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
  message: { msgType: number; msgBody: Record<string, unknown> };
  answered: number;
}

/**
 * A webhook receiver on loopback. It answers each request with the next status in `script`
 * (push more at any time), then 200.
 */
export async function startWebhookReceiver(script: number[] = []) {
  const deliveries: Delivery[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const answered = script.shift() ?? 200;
      deliveries.push({ headers: req.headers, body, message: JSON.parse(body), answered });
      res.writeHead(answered).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/meeting`,
    deliveries,
    script,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
