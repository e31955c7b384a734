/**
 * The modelled SSH session of the sshd transport and protocol. A session is an smux session inside
 * the modelled handshake; each SSH channel or global request is a stream starting with one line:
 *
 *   client -> server   direct-tcpip <host:port>      (sshd connector Connect)
 *                      tcpip-forward <host:port>     (sshd connector Bind; answered "OK <bound>")
 *   server -> client   forwarded-tcpip <bound> <peer> (an inbound connection on a forwarded port)
 *   answers            OK [addr] | ERR <message>
 */

import { GostError } from '../../errors.js';
import { fromUtf8, utf8 } from '../../io/bytes.js';
import { BufferedReader } from '../../io/reader.js';
import type { MuxSession } from '../../mux/smux.js';
import type { Conn } from '../../types.js';

export async function readLineWords(reader: BufferedReader, what: string): Promise<string[]> {
  return fromUtf8(await reader.readLine(4096, what))
    .trim()
    .split(' ');
}

export function line(...words: string[]): Uint8Array {
  return utf8(`${words.join(' ')}\n`);
}

/** Reads `OK [addr]`; `ERR …` becomes the rejection gost's ssh client reports. */
export async function readAnswer(reader: BufferedReader, what: string): Promise<string> {
  const words = await readLineWords(reader, what);
  if (words[0] === 'OK') return words[1] ?? '';
  throw new GostError(
    'protocol',
    `ssh: rejected: ${words.slice(1).join(' ') || 'administratively prohibited'}`,
  );
}

function unusable(): never {
  throw new GostError(
    'protocol',
    'ssh: an SSH session is not a stream; pair the sshd dialer with the sshd connector',
  );
}

/**
 * What the sshd dialer's handshake returns: the session itself, which only the sshd connector knows
 * how to use (gost's ssh_util.ClientConn).
 */
export class SshClientConn implements Conn {
  private readonly forwards = new Map<string, ForwardQueue>();
  private accepting = false;

  constructor(
    readonly session: MuxSession,
    readonly localAddr: string,
    readonly remoteAddr: string,
  ) {}

  read(): Promise<Uint8Array | null> {
    return Promise.reject(unusable());
  }

  write(): Promise<void> {
    return Promise.reject(unusable());
  }

  async closeWrite(): Promise<void> {}

  /** Streams are per channel; closing this handle keeps the shared session. */
  close(): void {}

  /** Inbound connections of the forward bound at `bound`. */
  forwarded(bound: string): ForwardQueue {
    let queue = this.forwards.get(bound);
    if (!queue) {
      queue = new ForwardQueue();
      this.forwards.set(bound, queue);
    }
    if (!this.accepting) {
      this.accepting = true;
      void this.acceptLoop();
    }
    return queue;
  }

  private async acceptLoop(): Promise<void> {
    try {
      for (;;) {
        const stream = await this.session.accept();
        const reader = new BufferedReader(stream);
        const words = await readLineWords(reader, 'ssh channel').catch(() => []);
        const queue = words[0] === 'forwarded-tcpip' ? this.forwards.get(words[1] ?? '') : undefined;
        if (queue) queue.push({ conn: reader.toConn(), peer: words[2] ?? '' });
        else stream.close();
      }
    } catch (error) {
      for (const q of this.forwards.values()) q.fail(error);
    }
  }
}

export class ForwardQueue {
  private readonly items: { conn: Conn; peer: string }[] = [];
  private readonly waiters: {
    resolve: (v: { conn: Conn; peer: string }) => void;
    reject: (e: unknown) => void;
  }[] = [];
  private failure: unknown;

  push(item: { conn: Conn; peer: string }): void {
    const w = this.waiters.shift();
    if (w) w.resolve(item);
    else this.items.push(item);
  }

  fail(error: unknown): void {
    this.failure = error;
    for (const w of this.waiters.splice(0)) w.reject(error);
  }

  next(): Promise<{ conn: Conn; peer: string }> {
    const item = this.items.shift();
    if (item) return Promise.resolve(item);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }
}

/** A channel or forward request as the sshd listener hands it to the sshd handler. */
export class SshdChannelConn implements Conn {
  constructor(
    readonly kind: 'direct-tcpip' | 'tcpip-forward',
    readonly target: string,
    private readonly stream: Conn,
    readonly session: MuxSession,
  ) {}

  get localAddr(): string {
    return this.stream.localAddr;
  }

  get remoteAddr(): string {
    return this.stream.remoteAddr;
  }

  read(max?: number): Promise<Uint8Array | null> {
    return this.stream.read(max);
  }

  write(data: Uint8Array): Promise<void> {
    return this.stream.write(data);
  }

  closeWrite(): Promise<void> {
    return this.stream.closeWrite();
  }

  close(): void {
    this.stream.close();
  }
}
