/**
 * Reading a file the user named, without ever failing with a stack trace: every way it can go
 * wrong (missing, a directory, no permission, empty, too big, not UTF-8 text) comes back as data
 * with one sentence that says what is wrong and what to do.
 */
import { isUtf8 } from 'node:buffer';
import { existsSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';

/** Topologies are a few kilobytes; anything past this is the wrong file, so it is not even read. */
export const maxInputBytes = 16 * 1024 * 1024;

export type InputResult =
  | { kind: 'text'; text: string }
  /** Bytes that are not UTF-8 text. `text` is a lossy decoding; `offset` is where the problem starts in it. */
  | { kind: 'not-text'; text: string; offset: number; problem: string }
  /** The file could not be read, or is empty; `problem` is one sentence, without the file name. */
  | { kind: 'unreadable'; problem: string };

export async function readInput(file: string, cwd: string, limit = maxInputBytes): Promise<InputResult> {
  const path = resolve(cwd, file);
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    return { kind: 'unreadable', problem: describeFsError(error, file, cwd) };
  }
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) return { kind: 'unreadable', problem: directoryProblem(file, cwd) };
    if (stats.isFile() && stats.size > limit)
      return { kind: 'unreadable', problem: tooLarge(stats.size, limit) };
    // Regular files were sized above; pipes and devices are read up to one byte past the limit.
    const bytes = await readAtMost(handle, limit + 1);
    if (bytes.length > limit) return { kind: 'unreadable', problem: tooLarge(undefined, limit) };
    return decodeInput(bytes);
  } catch (error) {
    return { kind: 'unreadable', problem: describeFsError(error, file, cwd) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

async function readAtMost(handle: FileHandle, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < max) {
    const chunk = Buffer.allocUnsafe(Math.min(1 << 20, max - total));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) break;
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
  }
  return Buffer.concat(chunks, total);
}

/** Bytes -> text, refusing what is not UTF-8 text (binary files, UTF-16) with the first bad position. */
export function decodeInput(bytes: Uint8Array): InputResult {
  if (bytes.length === 0) {
    return {
      kind: 'unreadable',
      problem: 'the file is empty; write a topology in it (see docs/topology.md)',
    };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      kind: 'not-text',
      text: lossyDecode(bytes),
      offset: 0,
      problem: 'the file is UTF-16 text; save it as UTF-8',
    };
  }
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  // Editors do not count a byte-order mark as a column, so neither do spans.
  const body = hasBom ? bytes.subarray(3) : bytes;
  const nul = body.indexOf(0);
  const invalid = isUtf8(body) ? -1 : firstInvalidUtf8(body);
  if (nul === -1 && invalid === -1) return { kind: 'text', text: lossyDecode(body) };

  const text = lossyDecode(body);
  if (nul !== -1 && (invalid === -1 || nul < invalid)) {
    return {
      kind: 'not-text',
      text,
      offset: lossyDecode(body.subarray(0, nul)).length,
      problem: `the file contains a NUL byte (byte ${nul + (hasBom ? 3 : 0)}), so it is binary, not a YAML topology; check that this is the right file`,
    };
  }
  const hex = body[invalid]!.toString(16).padStart(2, '0');
  return {
    kind: 'not-text',
    text,
    offset: lossyDecode(body.subarray(0, invalid)).length,
    problem: `the file is not valid UTF-8 (byte 0x${hex} at byte ${invalid + (hasBom ? 3 : 0)}); save it as UTF-8`,
  };
}

function lossyDecode(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

/** Index of the first byte that does not start a well-formed UTF-8 sequence, or -1 (RFC 3629). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let continuation: number;
    if (lead >= 0xc2 && lead <= 0xdf) continuation = 1;
    else if (lead >= 0xe0 && lead <= 0xef) continuation = 2;
    else if (lead >= 0xf0 && lead <= 0xf4) continuation = 3;
    else return i;
    // The second byte's range excludes overlong forms, UTF-16 surrogates and code points past U+10FFFF.
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    const second = bytes[i + 1];
    if (second === undefined || second < low || second > high) return i;
    for (let k = 2; k <= continuation; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < 0x80 || next > 0xbf) return i;
    }
    i += continuation + 1;
  }
  return -1;
}

/** `size` is unknown for a pipe or device, which is only read up to the limit. */
function tooLarge(size: number | undefined, limit: number): string {
  // Just past the limit both sizes round alike; exact bytes then show why the file is refused.
  const shown =
    size !== undefined && formatSize(size) === formatSize(limit) ? `${size} bytes` : formatSize(size ?? 0);
  const amount = size === undefined ? 'larger than' : `${shown}, past`;
  return `the file is ${amount} the ${formatSize(limit)} limit for a topology; check that this is the right file`;
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KiB`;
  return `${bytes} bytes`;
}

/** `file` is the path as the user wrote it, so suggestions read the same way. */
function directoryProblem(file: string, cwd: string): string {
  const inside = ['topology.yaml', 'topology.yml'].find((name) => existsSync(resolve(cwd, file, name)));
  if (inside) return `this is a directory; did you mean ${join(file, inside)}?`;
  return 'this is a directory; give the topology file inside it';
}

/** One sentence for a failed open or read, from the error code Node reports. */
export function describeFsError(error: unknown, file: string, cwd: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT': {
      const other = alternativeExtension(file, cwd);
      return other ? `no such file; did you mean ${other}?` : 'no such file; check the path';
    }
    case 'EACCES':
    case 'EPERM':
      return 'permission denied; make the file readable by this user (for example chmod u+r)';
    case 'EISDIR':
      return directoryProblem(file, cwd);
    case 'ENOTDIR':
      return 'a part of the path is a file, not a directory; check the path';
    case 'ELOOP':
      return 'too many levels of symbolic links (a link loop?); check where the link points';
    case 'ENAMETOOLONG':
      return 'the path is too long; check the path';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files on this system; close some and try again';
    case 'EIO':
      return 'input/output error while reading; the disk or file system reported a failure';
    default: {
      const reason = error instanceof Error ? error.message : String(error);
      return `cannot read the file (${reason})`;
    }
  }
}

/** `topo.yaml` for a missing `topo.yml` and the other way round. */
function alternativeExtension(file: string, cwd: string): string | undefined {
  const ext = extname(file);
  const swapped = ext === '.yaml' ? '.yml' : ext === '.yml' ? '.yaml' : undefined;
  if (!swapped) return undefined;
  const candidate = join(dirname(file), basename(file, ext) + swapped);
  return existsSync(resolve(cwd, candidate)) ? candidate : undefined;
}
