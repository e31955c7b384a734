/**
 * Running the built `topo up` in a child process and talking to it with real clients. Every child
 * is ended by its pid (SIGINT, then SIGKILL if it does not stop) and every wait is bounded.
 */

import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));
const main = join(root, 'dist/cli/main.js');

export interface UpEvent {
  event: string;
  [key: string]: unknown;
}

export interface EntryPointJson {
  host: string;
  service: string;
  address: string;
  network: string;
  protocol: string;
  note?: string;
  try?: string;
}

export class UpProcess {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  readonly events: UpEvent[] = [];
  readonly exited: Promise<number | null>;
  private readonly watchers = new Set<() => void>();

  /** `prefix` runs node through another program (e.g. setpriv, to drop root). */
  constructor(args: string[], env: Record<string, string> = {}, prefix: string[] = []) {
    if (!existsSync(main)) throw new Error(`${main} is missing: run 'npm run build' first`);
    const [command, ...rest] = [...prefix, process.execPath, main, 'up', ...args] as [string, ...string[]];
    this.child = spawn(command, rest, {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.setEncoding('utf8');
    this.child.stderr?.setEncoding('utf8');
    let partial = '';
    this.child.stdout?.on('data', (chunk: string) => {
      this.stdout += chunk;
      partial += chunk;
      const lines = partial.split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('{')) this.events.push(JSON.parse(line) as UpEvent);
      }
      this.changed();
    });
    this.child.stderr?.on('data', (chunk: string) => {
      this.stderr += chunk;
      this.changed();
    });
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
    void this.exited.then(() => this.changed());
  }

  private changed(): void {
    for (const w of [...this.watchers]) w();
  }

  /** Resolves once `test` holds; rejects after `timeoutMs` with what the process printed. */
  waitFor<T>(what: string, test: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = test();
        if (value !== undefined && value !== false) {
          done();
          resolve(value);
        } else if (this.child.exitCode !== null) {
          done();
          reject(
            new Error(
              `topo up exited (${this.child.exitCode}) before ${what}\n${this.stdout}\n${this.stderr}`,
            ),
          );
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out waiting for ${what}\nstdout:\n${this.stdout}\nstderr:\n${this.stderr}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.watchers.delete(check);
      };
      this.watchers.add(check);
      check();
    });
  }

  event(name: string, timeoutMs?: number): Promise<UpEvent> {
    return this.waitFor(`the '${name}' event`, () => this.events.find((e) => e.event === name), timeoutMs);
  }

  get entryPoints(): EntryPointJson[] {
    const up = this.events.find((e) => e.event === 'up');
    return (up?.entryPoints as EntryPointJson[] | undefined) ?? [];
  }

  entry(test: (e: EntryPointJson) => boolean): EntryPointJson {
    const found = this.entryPoints.find(test);
    if (!found) throw new Error(`no such entry point in ${JSON.stringify(this.entryPoints, null, 2)}`);
    return found;
  }

  /** SIGINT by pid, as Ctrl-C; SIGKILL if it has not ended after `graceMs`. */
  async stop(graceMs = 5000): Promise<number | null> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.child.exitCode;
    const pid = this.child.pid;
    if (pid === undefined) return null;
    process.kill(pid, 'SIGINT');
    const timer = setTimeout(() => {
      if (this.child.exitCode === null) process.kill(pid, 'SIGKILL');
    }, graceMs);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** curl with a bounded time; never throws. */
export function curl(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return run('curl', ['-sS', '--max-time', '10', ...args], env);
}

/** A command line run by the shell exactly as printed (for the entry table's TRY column). */
export function shell(command: string, env: Record<string, string> = {}): Promise<Run> {
  return run('sh', ['-c', command.replace(/^curl /, 'curl -sS --max-time 10 ')], env);
}

function run(file: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: 15_000, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Connects, reads until `expected` bytes arrived (or the peer closes), then closes. */
export function tcpExchange(host: string, port: number, send: string, expected: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    let got = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer from ${host}:${port} (got ${JSON.stringify(got)})`));
    }, 10_000);
    socket.setEncoding('latin1');
    socket.on('connect', () => {
      if (send) socket.write(send);
    });
    socket.on('data', (data: string) => {
      got += data;
      if (got.length >= expected) socket.end();
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(got);
    });
  });
}

const tempDirs: string[] = [];

/** A topology file in a fresh temporary folder; `removeTempTopologies` deletes them all. */
export function tempTopology(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'topo-up-'));
  tempDirs.push(dir);
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

export function removeTempTopologies(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Listening TCP/UDP sockets on addresses that start with `prefix` (e.g. `127.0.41.`), from ss. */
export async function listeningOn(prefix: string): Promise<string[]> {
  const r = await run('ss', ['-H', '-l', '-n', '-t', '-u'], {});
  if (r.code !== 0) throw new Error(`ss failed: ${r.stderr}`);
  return r.stdout
    .split('\n')
    .filter((line) => line.includes(` ${prefix}`))
    .map((line) => line.trim());
}
