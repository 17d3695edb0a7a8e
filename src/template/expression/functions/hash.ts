/**
 * Deterministic hashes as Azure computes them.
 *
 * uniqueString: a 64-bit MurmurHash variant (Microsoft's ResourceStack "MurmurHash64": MurmurHash3
 * x86-128 constants, two 32-bit lanes over 8-byte blocks, seed 0) of the UTF-8 bytes of the
 * arguments joined with '-', written as 13 base32 characters (a-z, 2-7), 5 bits at a time from
 * the most significant bit. Checked against a value of Microsoft's ARM expression library
 * (test/expression/evaluator.test.ts).
 *
 * guid: a name-based UUID (version 5, SHA-1) in the ARM namespace
 * 11fb06fb-712d-4ddd-98c7-e71bbd588830 over the UTF-8 bytes of the arguments joined with '-'.
 */
import { createHash } from '../../../lazy-builtins.js';

const C1 = 0x239b961b;
const C2 = 0xab0e9789;
const C3 = 0x38b34ae5;
const C4 = 0xa1e38b93;

function rotl(value: number, bits: number): number {
  return ((value << bits) | (value >>> (32 - bits))) >>> 0;
}

function mul(a: number, b: number): number {
  return Math.imul(a, b) >>> 0;
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = mul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = mul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function word(data: Uint8Array, index: number, count: number): number {
  let value = 0;
  for (let i = count - 1; i >= 0; i--) value = (value << 8) | data[index + i];
  return value >>> 0;
}

/** Returns the 64-bit hash as [high, low] 32-bit halves. */
export function murmurHash64(data: Uint8Array, seed = 0): [number, number] {
  let h1 = seed >>> 0;
  let h2 = seed >>> 0;
  const length = data.length;
  let index = 0;
  while (index + 7 < length) {
    let k1 = word(data, index, 4);
    let k2 = word(data, index + 4, 4);
    k1 = mul(k1, C1);
    k1 = rotl(k1, 15);
    k1 = mul(k1, C2);
    h1 ^= k1;
    h1 = rotl(h1 >>> 0, 19);
    h1 = (h1 + h2) >>> 0;
    h1 = (mul(h1, 5) + 0x561ccd1b) >>> 0;
    k2 = mul(k2, C2);
    k2 = rotl(k2, 17);
    k2 = mul(k2, C1);
    h2 ^= k2;
    h2 = rotl(h2 >>> 0, 13);
    h2 = (h2 + h1) >>> 0;
    h2 = (mul(h2, 5) + 0x0bcaa747) >>> 0;
    index += 8;
  }
  const tail = length - index;
  if (tail > 0) {
    let k1 = word(data, index, Math.min(tail, 4));
    k1 = mul(k1, C1);
    k1 = rotl(k1, 15);
    k1 = mul(k1, C2);
    h1 = (h1 ^ k1) >>> 0;
    if (tail > 4) {
      let k2 = word(data, index + 4, tail - 4);
      k2 = mul(k2, C2);
      k2 = rotl(k2, 17);
      k2 = mul(k2, C1);
      h2 = (h2 ^ k2) >>> 0;
    }
  }
  h1 = (h1 ^ length) >>> 0;
  h2 = (h2 ^ length) >>> 0;
  h1 = (h1 + h2) >>> 0;
  h2 = (h2 + h1) >>> 0;
  h1 = fmix(h1);
  h2 = fmix(h2);
  h1 = (h1 + h2) >>> 0;
  h2 = (h2 + h1) >>> 0;
  return [h2, h1];
}

// C3 and C4 belong to the x86-128 constant set; the 64-bit variant uses two lanes only.
void C3;
void C4;

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

const encoder = new TextEncoder();

/** Templates ask for the same few (deployment names, resource group ids) again and again, and again in every variant. */
const uniqueStrings = new Map<string, string>();
const UNIQUE_STRINGS_LIMIT = 10_000;

export function uniqueString(parts: readonly string[]): string {
  const input = parts.join('-');
  let out = uniqueStrings.get(input);
  if (out === undefined) {
    out = hashToBase32(input);
    if (uniqueStrings.size >= UNIQUE_STRINGS_LIMIT) uniqueStrings.clear();
    uniqueStrings.set(input, out);
  }
  return out;
}

function hashToBase32(input: string): string {
  const [high, low] = murmurHash64(encoder.encode(input));
  let value = (BigInt(high) << 32n) | BigInt(low);
  let out = '';
  for (let i = 0; i < 13; i++) {
    out += BASE32[Number(value >> 59n)];
    value = (value << 5n) & 0xffffffffffffffffn;
  }
  return out;
}

const ARM_GUID_NAMESPACE = '11fb06fb-712d-4ddd-98c7-e71bbd588830';

export function deterministicGuid(parts: readonly string[]): string {
  const namespace = Buffer.from(ARM_GUID_NAMESPACE.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1')
    .update(namespace)
    .update(Buffer.from(parts.join('-'), 'utf8'))
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
