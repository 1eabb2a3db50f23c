/**
 * The batch's string dictionary: every distinct string is stored once and referenced by an int32 code.
 * Strings travel as UTF-16 code units, so any JS string round-trips exactly (lone surrogates included,
 * which UTF-8 would replace).
 *
 * Lookups are the codec's hot path (one per string field per record). A `Map` lookup measured ~8 ns
 * here; for strings up to SHORT code units this open-addressing table hashes the code units and
 * compares the string in its slot ({key: string, value, ts} records encode in ~16 ns instead of 23).
 * Longer strings, and short ones whose hashes collide past MAX_PROBES slots, go to a `Map`: correct,
 * and a lookup never scans the table.
 *
 * @example
 * const table = new StringTable();
 * const code = table.code('eu-west'); // 0
 */
export class StringTable {
  private keys: string[] = [];
  private slotCodes = new Int32Array(0);
  /** A slot holds a string of this batch when its generation is the current one (clear = gen + 1). */
  private gens = new Int32Array(0);
  private gen = 1;
  private mask = 0;
  private shift = 32;
  private readonly overflow = new Map<string, number>();
  readonly strings: string[] = [];
  /** Total UTF-16 code units of all distinct strings. */
  chars = 0;

  constructor(slots = 1024) {
    this.allocate(slots);
  }

  code(s: string): number {
    const n = s.length;
    if (n > SHORT) return this.viaMap(s);
    const { keys, gens, mask, gen } = this;
    // Fibonacci hashing: the product's top bits are the well-mixed ones.
    let h = shortHash(s, n) >>> this.shift;
    for (let probe = 0; probe < MAX_PROBES; probe++, h++) {
      h &= mask;
      if (gens[h] !== gen) return this.add(s, h);
      if (keys[h] === s) return this.slotCodes[h];
    }
    return this.viaMap(s);
  }

  /** The Map path (V8 caches a string's full hash in the string, so long strings hash once). */
  private viaMap(s: string): number {
    let c = this.overflow.get(s);
    if (c === undefined) {
      c = this.push(s);
      this.overflow.set(s, c);
    }
    return c;
  }

  get size(): number {
    return this.strings.length;
  }

  /** Writes offsets (size + 1 entries) and the code units of all strings. */
  writeTo(offsets: Int32Array, units: Uint16Array): void {
    let p = 0;
    const { strings } = this;
    for (let i = 0; i < strings.length; i++) {
      offsets[i] = p;
      const s = strings[i];
      for (let j = 0; j < s.length; j++) units[p++] = s.charCodeAt(j);
    }
    offsets[strings.length] = p;
  }

  clear(): void {
    if (this.gen === 0x7fffffff) {
      this.gens.fill(0);
      this.gen = 0;
    }
    this.gen++;
    this.overflow.clear();
    this.strings.length = 0;
    this.chars = 0;
  }

  private add(s: string, slot: number): number {
    const c = this.push(s);
    this.keys[slot] = s;
    this.slotCodes[slot] = c;
    this.gens[slot] = this.gen;
    if (this.strings.length * 2 > this.mask) this.rehash();
    return c;
  }

  private push(s: string): number {
    const c = this.strings.length;
    this.strings.push(s);
    this.chars += s.length;
    return c;
  }

  private allocate(slots: number): void {
    this.keys = new Array<string>(slots).fill('');
    this.slotCodes = new Int32Array(slots);
    this.gens = new Int32Array(slots);
    this.gen = 1;
    this.mask = slots - 1;
    this.shift = 32 - Math.log2(slots);
  }

  /** At half full: twice the slots, this batch's strings re-added in code order (codes unchanged). */
  private rehash(): void {
    const strings = this.strings.splice(0);
    const chars = this.chars;
    this.allocate((this.mask + 1) * 2);
    this.overflow.clear();
    for (const s of strings) this.code(s);
    this.chars = chars;
  }
}

/** Slots probed before a string goes to the overflow Map. */
const MAX_PROBES = 8;

/** FNV-style over every code unit, two per multiply (short strings only: SHORT bounds the loop). */
export function shortHash(s: string, n: number): number {
  let h = n;
  let i = 0;
  for (; i + 1 < n; i += 2) h = Math.imul(h ^ (s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16)), 0x01000193);
  if (i < n) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return Math.imul(h ^ (h >>> 15), 0x9e3779b1);
}

/** Longest string the table holds; longer ones go to the Map. */
const SHORT = 16;

/** Chunk size for String.fromCharCode.apply: well below engines' argument-count limits. */
const CHUNK = 8192;

/** Rebuilds the dictionary written by StringTable.writeTo. */
export function readStrings(offsets: Int32Array, units: Uint16Array): string[] {
  let joined = '';
  for (let p = 0; p < units.length; p += CHUNK) {
    joined += String.fromCharCode.apply(null, units.subarray(p, p + CHUNK) as unknown as number[]);
  }
  const n = offsets.length - 1;
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = joined.substring(offsets[i], offsets[i + 1]);
  return out;
}
