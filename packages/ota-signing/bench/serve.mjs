// A static file server on a loopback port, for tuf-js's HTTP fetcher.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join, normalize } from 'node:path';

export async function serveDirectory(root) {
  const server = createServer(async (req, res) => {
    const file = join(
      root,
      normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)),
    );
    const s = await stat(file).catch(() => undefined);
    if (!s?.isFile() || !file.startsWith(root)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-length': s.size });
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
