import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  decodeInput,
  describeFsError,
  firstInvalidUtf8,
  maxInputBytes,
  readInput,
} from '../../cli/read-input.js';

const dir = mkdtempSync(join(tmpdir(), 'topo-read-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: failure`), { code });
}

describe('readInput', () => {
  it('reads a UTF-8 file, dropping a byte-order mark', async () => {
    writeFileSync(join(dir, 'bom.yaml'), Buffer.from('\uFEFFname: x\n', 'utf8'));
    expect(await readInput('bom.yaml', dir)).toEqual({ kind: 'text', text: 'name: x\n' });
  });

  it('explains a missing file, and points at the .yml/.yaml twin when there is one', async () => {
    expect(await readInput('missing.yaml', dir)).toEqual({
      kind: 'unreadable',
      problem: 'no such file; check the path',
    });
    writeFileSync(join(dir, 'twin.yml'), 'name: x\n');
    expect(await readInput('twin.yaml', dir)).toEqual({
      kind: 'unreadable',
      problem: 'no such file; did you mean twin.yml?',
    });
  });

  it('explains a directory, and names the topology file inside it when there is one', async () => {
    mkdirSync(join(dir, 'empty-dir'));
    expect(await readInput('empty-dir', dir)).toEqual({
      kind: 'unreadable',
      problem: 'this is a directory; give the topology file inside it',
    });
    mkdirSync(join(dir, 'project'));
    writeFileSync(join(dir, 'project', 'topology.yaml'), 'name: x\n');
    expect(await readInput('project', dir)).toEqual({
      kind: 'unreadable',
      problem: `this is a directory; did you mean ${join('project', 'topology.yaml')}?`,
    });
  });

  it('refuses an empty file', async () => {
    writeFileSync(join(dir, 'empty.yaml'), '');
    expect(await readInput('empty.yaml', dir)).toEqual({
      kind: 'unreadable',
      problem: 'the file is empty; write a topology in it (see docs/topology.md)',
    });
  });

  it('refuses a file over the size limit from its size alone', async () => {
    const path = join(dir, 'huge.yaml');
    writeFileSync(path, '');
    // Sparse: the file claims 17 MiB without using the disk, and is never read.
    truncateSync(path, maxInputBytes + 1024 * 1024);
    expect(await readInput('huge.yaml', dir)).toEqual({
      kind: 'unreadable',
      problem: 'the file is 17 MiB, past the 16 MiB limit for a topology; check that this is the right file',
    });
  });

  it('applies the limit to what a pipe or device delivers', async () => {
    writeFileSync(join(dir, 'small.yaml'), 'x'.repeat(200));
    const result = await readInput('small.yaml', dir, 100);
    expect(result).toMatchObject({ kind: 'unreadable' });
    expect(await readInput('/dev/zero', dir, 1000)).toEqual({
      kind: 'unreadable',
      problem:
        'the file is larger than the 1000 bytes limit for a topology; check that this is the right file',
    });
    expect(await readInput('/dev/null', dir)).toMatchObject({ kind: 'unreadable', problem: /empty/ });
  });

  it('finds binary content and says where', async () => {
    writeFileSync(join(dir, 'binary.yaml'), Buffer.from([0x6e, 0x61, 0x0a, 0x41, 0x00, 0x01, 0xff]));
    expect(await readInput('binary.yaml', dir)).toEqual({
      kind: 'not-text',
      text: 'na\nA\u0000\u0001\uFFFD',
      offset: 4,
      problem:
        'the file contains a NUL byte (byte 4), so it is binary, not a YAML topology; check that this is the right file',
    });
  });
});

describe('decodeInput', () => {
  it('reports the first invalid UTF-8 byte with its offset in the decoded text', () => {
    const bytes = Buffer.concat([Buffer.from('név: ', 'utf8'), Buffer.from([0xe9, 0x74, 0x65])]);
    expect(decodeInput(bytes)).toEqual({
      kind: 'not-text',
      text: 'név: \uFFFDte',
      offset: 5,
      problem: 'the file is not valid UTF-8 (byte 0xe9 at byte 6); save it as UTF-8',
    });
  });

  it('recognises UTF-16 by its byte-order mark', () => {
    const bytes = Buffer.from('\uFEFFname: x', 'utf16le');
    expect(decodeInput(bytes)).toMatchObject({
      kind: 'not-text',
      offset: 0,
      problem: 'the file is UTF-16 text; save it as UTF-8',
    });
  });

  it('counts a byte-order mark in the byte offset it reports', () => {
    const bytes = Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0x00]);
    expect(decodeInput(bytes)).toMatchObject({ kind: 'not-text', offset: 1, problem: /byte 4\)/ });
  });
});

describe('firstInvalidUtf8', () => {
  it('accepts exactly what the UTF-8 decoder accepts (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        let valid = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          valid = false;
        }
        expect(firstInvalidUtf8(bytes) === -1).toBe(valid);
      }),
    );
  });

  it('finds the first bad byte after a valid prefix (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.constantFrom(0x80, 0xc0, 0xf5, 0xff), (prefix, bad) => {
        const head = Buffer.from(prefix, 'utf8');
        expect(firstInvalidUtf8(Buffer.concat([head, Buffer.from([bad])]))).toBe(head.length);
      }),
    );
  });

  it('rejects overlong forms, surrogates and code points past U+10FFFF', () => {
    expect(firstInvalidUtf8(Buffer.from([0xc0, 0xaf]))).toBe(0);
    expect(firstInvalidUtf8(Buffer.from([0xe0, 0x80, 0xaf]))).toBe(0);
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xe2, 0x82]))).toBe(1);
  });
});

describe('describeFsError', () => {
  it('gives one sentence with what to do for each way opening can fail', () => {
    expect(describeFsError(errno('EACCES'), 'secret.yaml', dir)).toBe(
      'permission denied; make the file readable by this user (for example chmod u+r)',
    );
    expect(describeFsError(errno('EPERM'), 'secret.yaml', dir)).toMatch(/^permission denied/);
    expect(describeFsError(errno('ENOTDIR'), 'a/b.yaml', dir)).toBe(
      'a part of the path is a file, not a directory; check the path',
    );
    expect(describeFsError(errno('ELOOP'), 'loop.yaml', dir)).toMatch(/symbolic links/);
    expect(describeFsError(errno('EIO'), 'x.yaml', dir)).toMatch(/input\/output error/);
    expect(describeFsError(errno('EWHATEVER'), 'x.yaml', dir)).toBe(
      'cannot read the file (EWHATEVER: failure)',
    );
    for (const code of ['ENOENT', 'EACCES', 'EISDIR', 'ENAMETOOLONG', 'EMFILE', 'EXDEV']) {
      expect(describeFsError(errno(code), 'x.yaml', dir)).not.toContain('\n');
    }
  });
});
