/**
 * A growable little-endian byte buffer, reused across batches so encoding allocates only on growth.
 *
 * @example
 * const w = new ByteWriter();
 * w.u8(1); w.f64(Math.PI);
 * const bytes = w.view(); // Uint8Array of 9 bytes
 */
export class ByteWriter {
  bytes: Uint8Array;
  private data: DataView;
  length = 0;

  constructor(initial = 4096) {
    this.bytes = new Uint8Array(initial);
    this.data = new DataView(this.bytes.buffer);
  }

  /** Makes room for `n` more bytes. */
  reserve(n: number): void {
    const need = this.length + n;
    if (need <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < need) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
    this.data = new DataView(next.buffer);
  }

  u8(v: number): void {
    this.reserve(1);
    this.bytes[this.length++] = v;
  }

  u32(v: number): void {
    this.reserve(4);
    this.data.setUint32(this.length, v, true);
    this.length += 4;
  }

  i32(v: number): void {
    this.reserve(4);
    this.data.setInt32(this.length, v, true);
    this.length += 4;
  }

  f64(v: number): void {
    this.reserve(8);
    this.data.setFloat64(this.length, v, true);
    this.length += 8;
  }

  raw(src: Uint8Array): void {
    this.reserve(src.length);
    this.bytes.set(src, this.length);
    this.length += src.length;
  }

  view(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }

  reset(): void {
    this.length = 0;
  }
}

/** Reads what ByteWriter wrote, sequentially. */
export class ByteReader {
  private readonly data: DataView;
  pos = 0;

  constructor(readonly bytes: Uint8Array) {
    this.data = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  u8(): number {
    return this.bytes[this.pos++];
  }

  u32(): number {
    const v = this.data.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  i32(): number {
    const v = this.data.getInt32(this.pos, true);
    this.pos += 4;
    return v;
  }

  f64(): number {
    const v = this.data.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  /** A copy of the next `n` bytes (copied so typed arrays built on it are aligned and owned). */
  take(n: number): Uint8Array<ArrayBuffer> {
    const out = this.bytes.slice(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
}
