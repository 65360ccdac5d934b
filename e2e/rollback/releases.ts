// The release record (RELEASES.md at the repository root): version → full commit hash. Commits travel
// with every clone; tags do not, so the rollback proof finds the previous release here.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Release {
  version: string;
  commit: string;
}

const ROW = /^\|\s*(v?\d+\.\d+\.\d+)\s*\|\s*([0-9a-f]{40})\s*\|/;

/** The releases a RELEASES.md lists (table rows `| vX.Y.Z | <40-hex commit> | …`), newest version first. */
export function parseReleases(markdown: string): Release[] {
  const releases: Release[] = [];
  for (const line of markdown.split('\n')) {
    const m = ROW.exec(line.trim());
    if (m) releases.push({ version: m[1]!.startsWith('v') ? m[1]! : `v${m[1]!}`, commit: m[2]! });
  }
  const parts = (v: string) => v.slice(1).split('.').map(Number);
  return releases.sort((a, b) => {
    const [x, y] = [parts(a.version), parts(b.version)];
    return y[0]! - x[0]! || y[1]! - x[1]! || y[2]! - x[2]!;
  });
}

/**
 * The release to roll back to: the newest one listed whose commit is not `head` (the code under test).
 * Throws, with what to do, when the record is missing or empty, or names a commit this clone lacks.
 */
export function previousRelease(root: string): Release {
  const file = join(root, 'RELEASES.md');
  if (!existsSync(file)) throw new Error(`rollback: ${file} is missing; it records every release.`);
  const releases = parseReleases(readFileSync(file, 'utf8'));
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  const head = git('rev-parse', 'HEAD');
  const release = releases.find((r) => r.commit !== head);
  if (!release) throw new Error(`rollback: RELEASES.md lists no release before HEAD (${head}).`);
  try {
    git('cat-file', '-e', `${release.commit}^{commit}`);
  } catch {
    const shallow = git('rev-parse', '--is-shallow-repository') === 'true';
    throw new Error(
      `rollback: RELEASES.md names ${release.version} = ${release.commit}, but this clone has no such commit` +
        (shallow ? ' (the clone is shallow: git fetch --unshallow).' : '.'),
    );
  }
  return release;
}
