import type { Readable } from 'node:stream';

/**
 * Follows MQTT's fixed headers across chunks and reports a packet whose announced remaining
 * length exceeds the limit, before its body arrives. Aedes' parser would otherwise collect a
 * packet of up to 256 MB in memory before any hook can look at it.
 */
class PacketHeaderScanner {
  private state: 'type' | 'length' | 'body' = 'type';
  private length = 0;
  private multiplier = 1;
  private lengthBytes = 0;
  private remaining = 0;

  constructor(private readonly maxRemainingLength: number) {}

  /** False as soon as a header announces too large a packet (or a malformed length). */
  scan(chunk: Buffer): boolean {
    let i = 0;
    while (i < chunk.length) {
      if (this.state === 'type') {
        i += 1;
        this.state = 'length';
        this.length = 0;
        this.multiplier = 1;
        this.lengthBytes = 0;
      } else if (this.state === 'length') {
        const byte = chunk[i++] ?? 0;
        this.length += (byte & 0x7f) * this.multiplier;
        this.multiplier *= 128;
        this.lengthBytes += 1;
        if (this.length > this.maxRemainingLength || (byte & 0x80 && this.lengthBytes >= 4)) {
          return false;
        }
        if (!(byte & 0x80)) {
          this.remaining = this.length;
          this.state = this.remaining > 0 ? 'body' : 'type';
        }
      } else {
        const take = Math.min(this.remaining, chunk.length - i);
        i += take;
        this.remaining -= take;
        if (this.remaining === 0) this.state = 'type';
      }
    }
    return true;
  }
}

/**
 * Puts the scanner on the socket's own `read()`, the only way Aedes takes bytes in (it reads
 * in paused mode, `read()` on `'readable'`, never through `'data'` listeners): every chunk is scanned before the MQTT parser sees it, and an
 * oversized packet destroys the socket. The socket's buffer stays bounded by its high-water mark
 * (reading pauses when it is full), so nothing large piles up before the scan.
 *
 * Replacing one method of this socket instead of wrapping the socket in a second stream saves a
 * Duplex per connection and a second pass through stream machinery for every packet both ways;
 * connects and messages are the broker's hot path.
 */
export function guardReads<S extends Readable>(socket: S, maxRemainingLength: number): S {
  const scanner = new PacketHeaderScanner(maxRemainingLength);
  const read = socket.read.bind(socket);
  socket.read = (size?: number): unknown => {
    const chunk: unknown = read(size);
    if (chunk === null || !Buffer.isBuffer(chunk)) return chunk;
    if (scanner.scan(chunk)) return chunk;
    socket.destroy(new Error('MQTT packet too large'));
    return null;
  };
  return socket;
}
