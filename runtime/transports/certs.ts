/**
 * X.509 certificates for TLS over in-memory streams. gost generates a self-signed ECDSA P-256
 * certificate (CN gost.run, O GOST) when a server has none (x/config/parsing/tls.go); this builds
 * the same kind of certificate in DER by hand, signed with node:crypto.
 *
 * The validity window is fixed (2000-01-01 .. 2049-12-31) rather than "one year from now": the
 * runtime has no wall clock, and OpenSSL checks validity against real time.
 */

import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { parseIP } from '../addr.js';
import { concatBytes, utf8 } from '../io/bytes.js';
import type { Rng } from '../types.js';
import type { Certificate } from './tls-types.js';

function length(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Uint8Array.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...content: Uint8Array[]): Uint8Array {
  const body = concatBytes(content);
  return concatBytes([Uint8Array.of(tag), length(body.length), body]);
}

const seq = (...c: Uint8Array[]) => tlv(0x30, ...c);
const set = (...c: Uint8Array[]) => tlv(0x31, ...c);

function oid(text: string): Uint8Array {
  const parts = text.split('.').map(Number);
  const out: number[] = [parts[0]! * 40 + parts[1]!];
  for (const p of parts.slice(2)) {
    const stack: number[] = [p & 0x7f];
    for (let v = p >> 7; v > 0; v >>= 7) stack.unshift((v & 0x7f) | 0x80);
    out.push(...stack);
  }
  return tlv(0x06, Uint8Array.from(out));
}

function integer(bytes: Uint8Array): Uint8Array {
  let b = bytes;
  while (b.length > 1 && b[0] === 0 && b[1]! < 0x80) b = b.subarray(1);
  return tlv(0x02, b[0]! >= 0x80 ? concatBytes([Uint8Array.of(0), b]) : b);
}

const utcTime = (text: string) => tlv(0x17, utf8(text));

function name(commonName: string, organization: string): Uint8Array {
  return seq(
    set(seq(oid('2.5.4.10'), tlv(0x0c, utf8(organization)))),
    set(seq(oid('2.5.4.3'), tlv(0x0c, utf8(commonName)))),
  );
}

function extension(id: string, critical: boolean, value: Uint8Array): Uint8Array {
  return seq(oid(id), ...(critical ? [tlv(0x01, Uint8Array.of(0xff))] : []), tlv(0x04, value));
}

export interface CertificateRequest {
  commonName: string;
  organization: string;
  /** DNS names and IP addresses the certificate is valid for. */
  altNames?: string[];
  /** Make a CA certificate (can sign others). */
  isCA?: boolean;
  /** Sign with this issuer instead of self-signing. */
  issuer?: { certificate: Certificate; commonName: string; organization: string };
}

const ecdsaWithSha256 = seq(oid('1.2.840.10045.4.3.2'));

/** A fresh ECDSA P-256 key and certificate. */
export function createCertificate(request: CertificateRequest, rng: Rng): Certificate {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const serial = Uint8Array.from({ length: 16 }, () => Math.floor(rng.next() * 256));
  serial[0] = serial[0]! & 0x7f;
  const subject = name(request.commonName, request.organization);
  const issuerName = request.issuer ? name(request.issuer.commonName, request.issuer.organization) : subject;
  const extensions = [
    extension('2.5.29.19', true, seq(...(request.isCA ? [tlv(0x01, Uint8Array.of(0xff))] : []))),
    extension('2.5.29.15', true, tlv(0x03, Uint8Array.of(request.isCA ? 1 : 5, request.isCA ? 0x06 : 0xa0))),
    extension('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'), oid('1.3.6.1.5.5.7.3.2'))),
  ];
  if (request.altNames && request.altNames.length > 0) {
    const names = request.altNames.map((n) => {
      const ip = parseIP(n);
      return ip ? tlv(0x87, ip) : tlv(0x82, utf8(n));
    });
    extensions.push(extension('2.5.29.17', false, seq(...names)));
  }
  const spki = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
  const tbs = seq(
    tlv(0xa0, integer(Uint8Array.of(2))),
    integer(serial),
    ecdsaWithSha256,
    issuerName,
    seq(utcTime('000101000000Z'), utcTime('491231235959Z')),
    subject,
    spki,
    tlv(0xa3, seq(...extensions)),
  );
  const signer: KeyObject = request.issuer ? createPrivateKey(request.issuer.certificate.keyPem) : privateKey;
  const signature = new Uint8Array(sign('sha256', tbs, { key: signer, dsaEncoding: 'der' }));
  const der = seq(tbs, ecdsaWithSha256, tlv(0x03, Uint8Array.of(0), signature));
  return {
    certPem: pem('CERTIFICATE', der),
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

function pem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** gost's auto-generated server certificate (CN gost.run, O GOST). */
export function defaultCertificate(rng: Rng): Certificate {
  return createCertificate({ commonName: 'gost.run', organization: 'GOST' }, rng);
}

/** Checks that a PEM key matches a PEM certificate's public key (tls.LoadX509KeyPair). */
export function keyMatchesCertificate(cert: Certificate): boolean {
  try {
    const fromKey = createPublicKey(createPrivateKey(cert.keyPem)).export({ type: 'spki', format: 'der' });
    const fromCert = createPublicKey(cert.certPem).export({ type: 'spki', format: 'der' });
    return Buffer.compare(fromKey, fromCert) === 0;
  } catch {
    return false;
  }
}
