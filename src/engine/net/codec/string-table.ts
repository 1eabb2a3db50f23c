/**
 * The batch's string dictionary: every distinct string is stored once and referenced by an int32 code.
 * Strings travel as UTF-16 code units, so any JS string round-trips exactly (lone surrogates included,
 * which UTF-8 would replace).
 *
 * @example
 * const table = new StringTable();
 * const code = table.code('eu-west'); // 0
 */
export class StringTable {
  private readonly codes = new Map<string, number>();
  readonly strings: string[] = [];
  /** Total UTF-16 code units of all distinct strings. */
  chars = 0;

  code(s: string): number {
    let c = this.codes.get(s);
    if (c === undefined) {
      c = this.strings.length;
      this.codes.set(s, c);
      this.strings.push(s);
      this.chars += s.length;
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
    this.codes.clear();
    this.strings.length = 0;
    this.chars = 0;
  }
}

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
