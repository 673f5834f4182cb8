import { z } from 'zod';
import { envelopeSchema, refusalRet } from '../protocol/responses.js';
import { isStream, type Operation } from './routes/operation.js';
import { operations } from './routes/table.js';

/** Express path parameters (`:id`) as OpenAPI writes them (`{id}`). */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

export const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

const signatureHeaders = ['AppKey', 'Nonce', 'CurTime'].map((name) => ({ name, in: 'header', required: true, schema: { type: 'string' } }));

const security = {
  signature: { security: [{ checkSum: [] }, { hmac: [] }], parameters: signatureHeaders },
  'session-or-signature': { security: [{ session: [] }, { checkSum: [] }, { hmac: [] }] },
  management: { security: [{ checkSum: [] }, { hmac: [] }, { session: [] }] },
  bearer: { security: [{ meetingToken: [] }] },
  none: {},
} satisfies Record<Operation['auth'], object>;

/** The parameters in the path (`:id`, a meeting's unique id) and, for a GET, the query's fields. */
function parameters(op: Operation): object[] {
  const inPath = [...op.path.matchAll(/:(\w+)/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'integer' }, description: 'meetingUniqueId' }));
  if (op.method !== 'get' || !op.request) return inPath;
  const query = jsonSchema(op.request, 'input') as { properties?: Record<string, { description?: string }>; required?: string[] };
  const inQuery = Object.entries(query.properties ?? {}).map(([name, schema]) => ({ name, in: 'query', required: query.required?.includes(name) ?? false, schema, description: schema.description }));
  return [...inPath, ...inQuery];
}

/** One answer of a stream: `event: <name>` and its `data`, as JSON Schema. */
function eventSchema(events: Record<string, z.ZodType>): object {
  return {
    description: 'A text/event-stream; each event is `event: <name>` with JSON `data`, one of:',
    oneOf: Object.entries(events).map(([event, data]) => ({ type: 'object', properties: { event: { const: event }, data: jsonSchema(data, 'output') }, required: ['event', 'data'] })),
  };
}

const refusal = () => ({
  description: 'A refusal: `code` from the error table, HTTP 400/401/403/404/409/429/500',
  content: { 'application/json': { schema: jsonSchema(envelopeSchema(refusalRet), 'output') } },
});

function operationObject(op: Operation): object {
  const { parameters: headers = [], ...auth } = security[op.auth] as { parameters?: object[] };
  const params = [...headers, ...parameters(op)];
  return {
    tags: [op.tag],
    summary: op.summary,
    operationId: op.path.replace(/^\//, '').replace(/\//g, '_'),
    ...auth,
    ...(params.length ? { parameters: params } : {}),
    ...(op.method === 'post' && op.request ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.request, 'input') } } } } : {}),
    responses: {
      '200': isStream(op)
        ? { description: 'The stream of events', content: { 'text/event-stream': { schema: eventSchema(op.events) } } }
        : { description: 'Success: `code` 200', content: { 'application/json': { schema: jsonSchema(envelopeSchema(op.ret), 'output') } } },
      default: refusal(),
    },
  };
}

/** The OpenAPI 3.1 document of the management and join API. */
export function openApiDocument(serverUrl: string): Record<string, unknown> {
  const paths: Record<string, Record<string, object>> = {};
  for (const op of operations) (paths[openApiPath(op.path)] ??= {})[op.method] = operationObject(op);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Meeting server API',
      version: '1',
      description:
        'Every call is a POST with a JSON body or a GET with a query, answered with `{code, msg, requestId, costTime, ret}` (GET /api/join/wait answers server-sent events instead). Signed calls carry AppKey, Nonce, CurTime and CheckSum (lowercase hex SHA-1 of AppSecret + Nonce + CurTime) or, recommended, Signature (lowercase hex HMAC-SHA256 keyed with AppSecret of "POST\\npath\\nsha256hex(body)\\nCurTime\\nNonce"). More than 60 s of clock skew (2110) or a reused nonce (2109) is refused.',
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        checkSum: { type: 'apiKey', in: 'header', name: 'CheckSum', description: 'SHA-1(AppSecret + Nonce + CurTime), lowercase hex' },
        session: { type: 'apiKey', in: 'header', name: 'SID', description: 'the session id from /v1/user/login' },
        meetingToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: "the caller's LiveKit token for the meeting (as issued by /api/join or refreshed by LiveKit)" },
        hmac: { type: 'apiKey', in: 'header', name: 'Signature', description: 'HMAC-SHA256(AppSecret, "POST\\npath\\nsha256hex(body)\\nCurTime\\nNonce"), lowercase hex' },
      },
    },
    paths,
  };
}

/** A readable reference page for people: every operation, its request fields and its answer. */
export function openApiPage(doc: Record<string, unknown>): string {
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  type Documented = { summary: string; security?: unknown; parameters?: unknown; requestBody?: { content: Record<string, { schema: unknown }> }; responses: { '200': { content: Record<string, { schema: unknown }> } } };
  const paths = doc.paths as Record<string, Record<string, Documented>>;
  const details = (title: string, value: unknown) => `<details><summary>${title}</summary><pre>${esc(JSON.stringify(value, null, 2))}</pre></details>`;
  const schemaOf = (content: Record<string, { schema: unknown }>) => Object.values(content)[0]!.schema;
  const operations = Object.entries(paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })));
  const sections = operations
    .map(
      ({ path, method, op }) => `<section id="${esc(`${method}${path}`)}"><h2><code>${method} ${esc(path)}</code></h2><p>${esc(op.summary)}${op.security ? ' · authenticated' : ''}</p>
${op.requestBody ? details('Request body', schemaOf(op.requestBody.content)) : ''}${op.parameters ? details('Parameters', op.parameters) : ''}
${details('Answer', schemaOf(op.responses['200'].content))}</section>`,
    )
    .join('\n');
  const info = doc.info as { title: string; description: string };
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(info.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}pre{background:#f4f4f6;padding:.8rem;overflow:auto}section{border-top:1px solid #ddd;margin-top:1.2rem}</style></head>
<body><main><h1>${esc(info.title)}</h1><p>${esc(info.description)}</p><p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>
<nav><ul>${operations.map(({ path, method }) => `<li><a href="#${esc(`${method}${path}`)}"><code>${method} ${esc(path)}</code></a></li>`).join('')}</ul></nav>${sections}</main></body></html>`;
}
