/**
 * Shadowsocks AEAD streams (SIP004, go-shadowsocks2 as gost uses it). Ciphers: aes-128-gcm,
 * aes-192-gcm, aes-256-gcm, chacha20-ietf-poly1305 (upper- or lower-case, with or without the AEAD_
 * prefix), plus `none`/`dummy` (plain). The master key is EVP_BytesToKey(MD5) of the password; each
 * direction starts with a random salt and uses the subkey HKDF-SHA1(key, salt, "ss-subkey"). Data
 * travels in chunks:
 *
 *   [LEN(2) sealed: 2 + 16 bytes][PAYLOAD sealed: LEN + 16 bytes]   LEN <= 0x3fff
 *
 * with a 12-byte little-endian nonce counting up from 0 after every seal/open.
 */

import { createCipheriv, createDecipheriv, createHash, hkdfSync } from 'node:crypto';
import { GostError } from '../../errors.js';
import { concatBytes } from '../../io/bytes.js';
import { BufferedReader } from '../../io/reader.js';
import type { Conn, Rng } from '../../types.js';

export interface CipherSpec {
  /** node:crypto algorithm, or 'none'. */
  algorithm: 'aes-128-gcm' | 'aes-192-gcm' | 'aes-256-gcm' | 'chacha20-poly1305' | 'none';
  keySize: number;
}

const ciphers: Record<string, CipherSpec> = {
  'AES-128-GCM': { algorithm: 'aes-128-gcm', keySize: 16 },
  'AES-192-GCM': { algorithm: 'aes-192-gcm', keySize: 24 },
  'AES-256-GCM': { algorithm: 'aes-256-gcm', keySize: 32 },
  'CHACHA20-IETF-POLY1305': { algorithm: 'chacha20-poly1305', keySize: 32 },
  'CHACHA20-POLY1305': { algorithm: 'chacha20-poly1305', keySize: 32 },
  NONE: { algorithm: 'none', keySize: 0 },
  DUMMY: { algorithm: 'none', keySize: 0 },
};

export function pickCipher(method: string): CipherSpec {
  const name = method
    .toUpperCase()
    .replace(/^AEAD_/, '')
    .replace(/_/g, '-');
  const spec = ciphers[name];
  if (spec) return spec;
  if (name.startsWith('2022-'))
    throw new GostError('unsupported', `ss: cipher ${method} is not supported by the topo runtime`);
  throw new GostError('config', 'cipher not supported');
}

/** OpenSSL's EVP_BytesToKey with MD5, as shadowsocks derives the master key from a password. */
export function masterKey(password: string, keySize: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let prev = new Uint8Array(0);
  let length = 0;
  while (length < keySize) {
    prev = new Uint8Array(createHash('md5').update(prev).update(password).digest());
    parts.push(prev);
    length += prev.length;
  }
  return concatBytes(parts).slice(0, keySize);
}

export function subkey(key: Uint8Array, salt: Uint8Array): Uint8Array {
  return new Uint8Array(hkdfSync('sha1', key, salt, 'ss-subkey', key.length));
}

const tagSize = 16;
const maxPayload = 0x3fff;

/** One direction's AEAD state. */
export class AeadState {
  private readonly nonce = new Uint8Array(12);

  constructor(
    private readonly spec: CipherSpec,
    private readonly key: Uint8Array,
  ) {}

  private next(): Uint8Array {
    const current = this.nonce.slice();
    for (let i = 0; i < this.nonce.length; i++) {
      this.nonce[i] = (this.nonce[i]! + 1) & 0xff;
      if (this.nonce[i] !== 0) break;
    }
    return current;
  }

  seal(plain: Uint8Array): Uint8Array {
    const c = createCipheriv(this.spec.algorithm as 'aes-256-gcm', this.key, this.next(), {
      authTagLength: tagSize,
    });
    return concatBytes([
      new Uint8Array(c.update(plain)),
      new Uint8Array(c.final()),
      new Uint8Array(c.getAuthTag()),
    ]);
  }

  open(sealed: Uint8Array): Uint8Array {
    const d = createDecipheriv(this.spec.algorithm as 'aes-256-gcm', this.key, this.next(), {
      authTagLength: tagSize,
    });
    d.setAuthTag(sealed.subarray(sealed.length - tagSize));
    try {
      return concatBytes([
        new Uint8Array(d.update(sealed.subarray(0, sealed.length - tagSize))),
        new Uint8Array(d.final()),
      ]);
    } catch {
      throw new GostError('protocol', 'cipher: message authentication failed');
    }
  }
}

/** A shadowsocks stream over `inner`; `prefix` (the client's target address) goes out with the first write. */
export class ShadowConn implements Conn {
  private readonly reader: BufferedReader;
  private writeState: AeadState | undefined;
  private readState: AeadState | undefined;
  private pending: Uint8Array | undefined;

  constructor(
    private readonly inner: Conn,
    private readonly spec: CipherSpec,
    private readonly key: Uint8Array,
    private readonly rng: Rng,
    prefix?: Uint8Array,
  ) {
    this.reader = new BufferedReader(inner);
    this.pending = prefix;
  }

  get localAddr(): string {
    return this.inner.localAddr;
  }

  get remoteAddr(): string {
    return this.inner.remoteAddr;
  }

  private encode(data: Uint8Array): Uint8Array {
    if (this.spec.algorithm === 'none') return data;
    const parts: Uint8Array[] = [];
    if (!this.writeState) {
      const salt = Uint8Array.from({ length: this.spec.keySize }, () => Math.floor(this.rng.next() * 256));
      this.writeState = new AeadState(this.spec, subkey(this.key, salt));
      parts.push(salt);
    }
    for (let i = 0; i < data.length; i += maxPayload) {
      const chunk = data.subarray(i, i + maxPayload);
      parts.push(
        this.writeState.seal(Uint8Array.of(chunk.length >> 8, chunk.length & 0xff)),
        this.writeState.seal(chunk),
      );
    }
    return concatBytes(parts);
  }

  async write(data: Uint8Array): Promise<void> {
    const payload = this.pending ? concatBytes([this.pending, data]) : data;
    this.pending = undefined;
    await this.inner.write(this.encode(payload));
  }

  async read(max?: number): Promise<Uint8Array | null> {
    if (this.pending) await this.write(new Uint8Array(0));
    if (this.spec.algorithm === 'none') return this.reader.readSome(max);
    if (await this.reader.atEnd()) return null;
    if (!this.readState) {
      const salt = await this.reader.readExact(this.spec.keySize, 'ss salt');
      this.readState = new AeadState(this.spec, subkey(this.key, salt));
    }
    const lenBytes = this.readState.open(await this.reader.readExact(2 + tagSize, 'ss chunk'));
    const length = ((lenBytes[0]! << 8) | lenBytes[1]!) & maxPayload;
    return this.readState.open(await this.reader.readExact(length + tagSize, 'ss chunk'));
  }

  closeWrite(): Promise<void> {
    return this.inner.closeWrite();
  }

  close(): void {
    this.inner.close();
  }
}
