import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { isUtf8 } from 'node:buffer';

// Reading a file someone else chose without blocking or reading without end: only regular files
// are read (a named pipe called x.md would block a plain read forever), never more than a cap.

export type ReadResult = { text: string } | { problem: string; line: number };

/** What a non-regular file is, for a message. */
export function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'a special file';
}

/** Line (1-based) and byte of the first invalid UTF-8 sequence, or undefined. */
export function firstInvalidUtf8(buf: Uint8Array): { line: number; byte: number } | undefined {
  let line = 1;
  for (let i = 0; i < buf.length; ) {
    const b = buf[i]!;
    if (b === 0x0a) line++;
    if (b < 0x80) {
      i++;
      continue;
    }
    // Lead byte: how many continuation bytes follow and the smallest second byte's range.
    let n = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) n = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      n = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f; // no surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      n = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return { line, byte: b };
    for (let k = 1; k <= n; k++) {
      const c = buf[i + k];
      const [min, max] = k === 1 ? [lo, hi] : [0x80, 0xbf];
      if (c === undefined || c < min || c > max) return { line, byte: b };
    }
    i += n + 1;
  }
  return undefined;
}

export const notUtf8Message = (byte: number): string => `not valid UTF-8 (byte 0x${byte.toString(16).padStart(2, '0')}): save the file as UTF-8`;

/**
 * Reads a regular file of at most `maxBytes` as UTF-8 text. With `strict`, invalid UTF-8 is a
 * problem (at its line); without, it is decoded with replacement characters. `tooBig` words the
 * problem for a file over the cap.
 */
export function readRegularFile(path: string, maxBytes: number, opts: { strict: boolean; tooBig: (bytes: number) => string }): ReadResult {
  // O_NONBLOCK: should the file turn into a pipe after the caller's lstat, opening it still returns.
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { problem: `${kindOf(st)}, not a file`, line: 1 };
    if (st.size > maxBytes) return { problem: opts.tooBig(st.size), line: 1 };
    // The size can change between fstat and read: read at most one byte past the cap to know.
    const buf = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
    let got = 0;
    while (got < buf.length) {
      const n = readSync(fd, buf, got, buf.length - got, null);
      if (n <= 0) break;
      got += n;
    }
    if (got > maxBytes) return { problem: opts.tooBig(got), line: 1 };
    const bytes = buf.subarray(0, got);
    if (opts.strict && !isUtf8(bytes)) {
      const bad = firstInvalidUtf8(bytes);
      return { problem: notUtf8Message(bad?.byte ?? 0), line: bad?.line ?? 1 };
    }
    // TextDecoder drops a leading byte-order mark, which editors on Windows write.
    return { text: new TextDecoder('utf-8').decode(bytes) };
  } finally {
    closeSync(fd);
  }
}
