import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';

/** A static file server on a loopback port, for HTTP fetchers (ours and tuf-js's). */
export async function serveDirectory(root: string) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
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
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      ),
  };
}
