import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';

/**
 * A static file server on a loopback port, for HTTP fetchers (ours and tuf-js's); with `tls`
 * (e.g. identity's `mtlsServerOptions`) it serves HTTPS and can require client certificates.
 * `requests` lists every path asked for.
 */
export async function serveDirectory(root: string, options: { tls?: ServerOptions } = {}) {
  const requests: string[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    requests.push(path);
    const file = join(root, path);
    stat(file)
      .then(
        (s) => {
          if (!s.isFile() || !file.startsWith(root)) throw new Error('not a file');
          res.writeHead(200, { 'content-length': s.size });
          createReadStream(file).pipe(res);
        },
        () => undefined,
      )
      .catch(() => undefined)
      .finally(() => {
        if (!res.headersSent) res.writeHead(404).end();
      });
  };
  const server = options.tls === undefined ? createServer(handler) : createHttpsServer(options.tls, handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls === undefined ? 'http' : 'https'}://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        // Keep-alive clients would hold close() open.
        server.closeAllConnections();
      }),
  };
} // prettier-ignore
