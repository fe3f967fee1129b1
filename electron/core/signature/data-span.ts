/**
 * Finds the raw bytes of a top-level member's value in a JSON document, exactly as sent, so a
 * signature over the `data` value can be checked without re-serializing it. The document must
 * already be known to be valid JSON (it was parsed first); JSON's structural characters are
 * ASCII, so scanning UTF-8 bytes is safe.
 */

const QUOTE = 0x22, BACKSLASH = 0x5c, OPEN_BRACE = 0x7b, CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b, CLOSE_BRACKET = 0x5d, COMMA = 0x2c;

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function skipSpace(buf: Uint8Array, i: number): number {
  while (i < buf.length && isSpace(buf[i])) i++;
  return i;
}

/** `i` at the opening quote; returns the index after the closing quote. */
function skipString(buf: Uint8Array, i: number): number {
  for (i++; i < buf.length; i++) {
    if (buf[i] === BACKSLASH) i++;
    else if (buf[i] === QUOTE) return i + 1;
  }
  return buf.length;
}

function skipValue(buf: Uint8Array, i: number): number {
  const first = buf[i];
  if (first === QUOTE) return skipString(buf, i);
  if (first === OPEN_BRACE || first === OPEN_BRACKET) {
    let depth = 0;
    while (i < buf.length) {
      const byte = buf[i];
      if (byte === QUOTE) { i = skipString(buf, i); continue; }
      if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++;
      else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    return buf.length;
  }
  while (i < buf.length && !isSpace(buf[i]) && buf[i] !== COMMA && buf[i] !== CLOSE_BRACE && buf[i] !== CLOSE_BRACKET) i++;
  return i;
}

/** [start, end) of the value of `key` in the top-level object; the last one wins, as in JSON.parse. */
export function findTopLevelValue(buf: Uint8Array, key: string): [number, number] | null {
  let i = skipSpace(buf, 0);
  if (buf[i] !== OPEN_BRACE) return null;
  let found: [number, number] | null = null;
  i++;
  while (i < buf.length) {
    i = skipSpace(buf, i);
    if (buf[i] !== QUOTE) return found;
    const keyEnd = skipString(buf, i);
    const name = JSON.parse(Buffer.from(buf.buffer, buf.byteOffset + i, keyEnd - i).toString('utf8')) as string;
    i = skipSpace(buf, keyEnd);
    if (buf[i] !== 0x3a) return found;
    const start = skipSpace(buf, i + 1);
    const end = skipValue(buf, start);
    if (name === key) found = [start, end];
    i = skipSpace(buf, end);
    if (buf[i] !== COMMA) return found;
    i++;
  }
  return found;
}
