/**
 * Writes a set of files under one folder all at once: everything is staged first; existing files
 * are moved aside and the new ones moved in, and any failure puts the old files back. Files the
 * set does not name are never touched, and nothing is left behind but the new files.
 */
import { mkdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';

export interface PlannedFile {
  /** Path relative to the output folder. */
  path: string;
  content: string;
  mode: number;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export async function writeAtomically(
  outDir: string,
  files: readonly PlannedFile[],
  pid: number,
): Promise<void> {
  for (const f of files) {
    const rel = relative(outDir, join(outDir, f.path));
    if (rel.startsWith('..') || rel.split(sep).includes('..'))
      throw new Error(`refusing to write outside ${outDir}: ${f.path}`);
  }
  await mkdir(outDir, { recursive: true });
  const staging = join(outDir, `.topo-emit-${pid}`);
  await rm(staging, { recursive: true, force: true });
  const createdDirs: string[] = [];
  const moved: { target: string; backup?: string }[] = [];
  try {
    for (const f of files) {
      const target = join(outDir, f.path);
      const info = await stat(target).catch(() => undefined);
      if (info && !info.isFile()) throw new Error(`${f.path} exists and is not a regular file`);
    }
    for (const [i, f] of files.entries()) {
      const staged = join(staging, 'new', String(i));
      await mkdir(dirname(staged), { recursive: true });
      await writeFile(staged, f.content, { mode: f.mode });
    }
    for (const [i, f] of files.entries()) {
      const target = join(outDir, f.path);
      const dir = dirname(target);
      if (!(await exists(dir))) {
        await mkdir(dir, { recursive: true });
        createdDirs.push(dir);
      }
      let backup: string | undefined;
      if (await exists(target)) {
        backup = join(staging, 'old', String(i));
        await mkdir(dirname(backup), { recursive: true });
        await rename(target, backup);
      }
      moved.push({ target, ...(backup ? { backup } : {}) });
      await rename(join(staging, 'new', String(i)), target);
    }
  } catch (error) {
    for (const m of moved.reverse()) {
      await rm(m.target, { force: true }).catch(() => undefined);
      if (m.backup) await rename(m.backup, m.target).catch(() => undefined);
    }
    for (const d of createdDirs.reverse()) await rmdir(d).catch(() => undefined);
    throw error;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
