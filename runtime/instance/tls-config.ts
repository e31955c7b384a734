/**
 * TLS settings from config blocks (x/internal/util/tls, x/config/parsing/tls.go): a server block with
 * `certFile`+`keyFile` uses that certificate, otherwise the instance's default one (the top-level
 * `tls:` block's, or one generated at start); `caFile` on a server requires client certificates.
 * A client block defaults `serverName` to the node's host.
 */

import type { TLSConfig } from '../../compiler/gost/config.js';
import { hostOf } from '../addr.js';
import { GostError } from '../errors.js';
import { defaultCertificate, keyMatchesCertificate } from '../transports/certs.js';
import type { Certificate, ClientTlsOptions, ServerTlsOptions } from '../transports/tls-types.js';
import type { Rng } from '../types.js';

export type FileReader = (path: string) => string | undefined;

export class TlsSettings {
  private readonly defaults: ServerTlsOptions;

  constructor(
    private readonly readFile: FileReader,
    globalTls: TLSConfig | undefined,
    rng: Rng,
  ) {
    const own =
      globalTls?.certFile && globalTls.keyFile
        ? this.loadPair(globalTls.certFile, globalTls.keyFile)
        : undefined;
    this.defaults = {
      certificate: own ?? defaultCertificate(rng),
      ...(globalTls?.caFile ? { clientCaPem: this.load(globalTls.caFile) } : {}),
    };
  }

  server(block: TLSConfig | undefined): ServerTlsOptions {
    if (!block?.certFile || !block.keyFile) {
      return block?.caFile ? { ...this.defaults, clientCaPem: this.load(block.caFile) } : this.defaults;
    }
    return {
      certificate: this.loadPair(block.certFile, block.keyFile),
      ...(block.caFile ? { clientCaPem: this.load(block.caFile) } : {}),
    };
  }

  client(block: TLSConfig | undefined, nodeAddr: string): ClientTlsOptions {
    return {
      secure: block?.secure ?? false,
      serverName: block?.serverName || hostOf(nodeAddr),
      ...(block?.caFile ? { caPem: this.load(block.caFile) } : {}),
      ...(block?.certFile && block.keyFile
        ? { certificate: this.loadPair(block.certFile, block.keyFile) }
        : {}),
    };
  }

  private load(path: string): string {
    const text = this.readFile(path);
    if (text === undefined) throw new GostError('config', `open ${path}: no such file or directory`);
    return text;
  }

  private loadPair(certFile: string, keyFile: string): Certificate {
    const pair = { certPem: this.load(certFile), keyPem: this.load(keyFile) };
    if (!keyMatchesCertificate(pair))
      throw new GostError('config', 'tls: private key does not match public key');
    return pair;
  }
}
