import { Duplex, Transform, type TransformCallback } from 'node:stream';

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

/** The scanner as a pass-through stream: errors on the first oversized packet. */
export class MqttPacketSizeGuard extends Transform {
  private readonly scanner: PacketHeaderScanner;

  constructor(maxRemainingLength: number) {
    super();
    this.scanner = new PacketHeaderScanner(maxRemainingLength);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.scanner.scan(chunk)) done(null, chunk);
    else done(new Error('MQTT packet too large'));
  }
}

/**
 * The stream Aedes reads and writes: the socket's bytes, checked by the scanner on their way in
 * (an oversized packet destroys the socket), and writes straight to the socket. One object per
 * connection instead of a Transform piped into a `Duplex.from` pair: connects are the broker's
 * hot path.
 */
class GuardedConnection extends Duplex {
  constructor(
    private readonly socket: Duplex,
    maxRemainingLength: number,
  ) {
    super();
    const scanner = new PacketHeaderScanner(maxRemainingLength);
    socket.on('data', (chunk: Buffer) => {
      if (!scanner.scan(chunk)) socket.destroy();
      else if (!this.push(chunk)) socket.pause();
    });
    socket.once('end', () => this.push(null));
    socket.once('close', () => this.destroy());
    socket.on('error', (err) => this.destroy(err));
  }

  override _read(): void {
    this.socket.resume();
  }

  override _write(
    chunk: Buffer,
    encoding: BufferEncoding,
    done: (error?: Error | null) => void,
  ): void {
    this.socket.write(chunk, encoding, done);
  }

  override _final(done: (error?: Error | null) => void): void {
    this.socket.end(done);
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.socket.destroy();
    done(error);
  }
}

/** Wraps a device's TLS socket for Aedes with the packet size limit. */
export function guardedConnection(socket: Duplex, maxRemainingLength: number): Duplex {
  return new GuardedConnection(socket, maxRemainingLength);
}
