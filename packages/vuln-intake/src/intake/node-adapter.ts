import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { IntakeContext } from './handler.js';

/**
 * A Fetch API `Request` over a node:http request, its body streamed (never buffered here).
 * @internal
 */
export function toFetchRequest(req: IncomingMessage): Request {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (typeof v === 'string') headers.set(k, v);
    else if (Array.isArray(v)) for (const item of v) headers.append(k, item);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(url, {
    method: req.method ?? 'GET',
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
  });
}

/**
 * Adapts a Fetch API handler to node:http: `http.createServer(toNodeListener(handler))`. The
 * request body is streamed, never buffered here, so the handler's size limit holds. The socket
 * address is the source for rate limiting; behind a proxy, pass `sourceOf` to read a header the
 * proxy sets.
 */
export function toNodeListener(
  handler: (request: Request, context: IntakeContext) => Promise<Response>,
  options: {
    sourceOf?: (req: IncomingMessage) => string | undefined;
    /** Called when the handler itself fails (the client gets a 500). Default: console.error. */
    onError?: (error: unknown) => void;
  } = {},
) {
  const onError =
    options.onError ??
    ((error: unknown) => {
      console.error('vuln-intake handler failed:', error);
    });
  return (req: IncomingMessage, res: ServerResponse): void => {
    void (async () => {
      const request = toFetchRequest(req);
      const hasBody = request.body !== null;
      const remoteAddress = options.sourceOf?.(req) ?? req.socket.remoteAddress;
      const response = await handler(request, remoteAddress === undefined ? {} : { remoteAddress });
      const body = new Uint8Array(await response.arrayBuffer());
      // A refused upload may still be arriving: close the connection rather than read it all.
      const unread = hasBody && !req.readableEnded;
      res.writeHead(response.status, {
        ...Object.fromEntries(response.headers),
        ...(unread ? { connection: 'close' } : {}),
      });
      res.end(body, () => {
        if (unread) req.destroy();
      });
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"error":{"code":"INTERNAL"}}');
      onError(error);
    });
  };
}
