import { Duplex, Transform, type TransformCallback } from 'node:stream';

/**
 * Refuses MQTT packets larger than `maxRemainingLength` as soon as their fixed header announces
 * the size, before anything is buffered. Aedes' parser would otherwise collect a packet of up to
 * 256 MB in memory before any hook can look at it.
 */
export class MqttPacketSizeGuard extends Transform {
  private state: 'type' | 'length' | 'body' = 'type';
  private length = 0;
  private multiplier = 1;
  private lengthBytes = 0;
  private remaining = 0;

  constructor(private readonly maxRemainingLength: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
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
          done(new Error('MQTT packet too large'));
          return;
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
    done(null, chunk);
  }
}

/**
 * The stream Aedes reads: the socket's bytes through the size guard; writes go to the socket.
 * An oversized packet destroys the socket.
 */
export function guardedConnection(socket: Duplex, maxRemainingLength: number): Duplex {
  const guard = new MqttPacketSizeGuard(maxRemainingLength);
  guard.on('error', () => socket.destroy());
  socket.pipe(guard);
  const conn = Duplex.from({ readable: guard, writable: socket });
  conn.on('close', () => socket.destroy());
  return conn;
}
