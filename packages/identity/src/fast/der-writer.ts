/**
 * A DER writer that fills a reusable buffer from the end backwards: children are written first,
 * so each TLV header is prepended once its content length is known, and a certificate is built
 * with no intermediate arrays (the fast path issues thousands per second; every small array is
 * garbage). One writer per issuing state, used synchronously, so no two certificates share it
 * at a time. @internal
 */
export class DerWriter {
  private buf: Uint8Array;
  private pos: number;

  constructor(size = 4096) {
    this.buf = new Uint8Array(size);
    this.pos = size;
  }

  /** Starts over; returns the mark of an empty writer. */
  reset(): number {
    this.pos = this.buf.length;
    return 0;
  }

  /**
   * How much is written so far; pass it to {@link wrap} after writing a TLV's content. Marks
   * count from the end, so they survive the buffer growing.
   */
  mark(): number {
    return this.buf.length - this.pos;
  }

  /** Prepends bytes. */
  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.pos -= b.length;
    this.buf.set(b, this.pos);
  }

  /** Prepends an ASCII string (callers pass schema-checked ASCII; anything else throws). */
  ascii(text: string): void {
    this.room(text.length);
    for (let i = text.length - 1; i >= 0; i--) {
      const c = text.charCodeAt(i);
      if (c > 0x7f) throw new RangeError('not ASCII');
      this.buf[--this.pos] = c;
    }
  }

  /** Prepends `tag ‖ length` for the content written since `mark`. */
  wrap(tag: number, mark: number): void {
    const length = this.mark() - mark;
    this.room(5);
    if (length < 0x80) this.buf[--this.pos] = length;
    else {
      let n = 0;
      for (let l = length; l > 0; l = Math.floor(l / 256)) {
        this.buf[--this.pos] = l & 0xff;
        n++;
      }
      this.buf[--this.pos] = 0x80 | n;
    }
    this.buf[--this.pos] = tag;
  }

  /** A view of what was written since `mark` (valid until the writer is written to again). */
  view(mark: number): Uint8Array {
    return this.buf.subarray(this.pos, this.buf.length - mark);
  }

  // Grows by doubling, keeping what was written at the end of the new buffer.
  private room(n: number): void {
    if (this.pos >= n) return;
    const used = this.buf.length - this.pos;
    const bigger = new Uint8Array(Math.max(this.buf.length * 2, used + n + 64));
    bigger.set(this.buf.subarray(this.pos), bigger.length - used);
    this.pos = bigger.length - used;
    this.buf = bigger;
  }
}
