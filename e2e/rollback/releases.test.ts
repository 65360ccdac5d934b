import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../tests/support/common.js';
import { parseReleases, previousRelease } from './releases.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

describe('the release record', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  /** A scratch repository with two commits and the given RELEASES.md (or none). */
  function repo(record?: (first: string, second: string) => string) {
    const dir = mkdtempSync(join(tmpdir(), 'to-releases-'));
    dirs.push(dir);
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {
        cwd: dir,
        encoding: 'utf8',
      }).trim();
    git('init', '-q');
    git('commit', '-q', '--allow-empty', '-m', 'one');
    const first = git('rev-parse', 'HEAD');
    git('commit', '-q', '--allow-empty', '-m', 'two');
    const second = git('rev-parse', 'HEAD');
    if (record) writeFileSync(join(dir, 'RELEASES.md'), record(first, second));
    return { dir, first, second };
  }

  it('parses version → commit rows, newest version first', () => {
    const md = `# Releases\n\n| Version | Commit | Date |\n| --- | --- | --- |\n| v0.2.0 | ${B} | x |\n| 0.10.0 | ${A} | y |\n| v0.1.0 | ${A} | z |\nnot a row ${B}\n`;
    expect(parseReleases(md)).toEqual([
      { version: 'v0.10.0', commit: A },
      { version: 'v0.2.0', commit: B },
      { version: 'v0.1.0', commit: A },
    ]);
  });

  it('names the newest release other than the commit under test', () => {
    const r = repo((first, second) => `| v0.1.0 | ${first} |\n| v0.2.0 | ${second} |\n`);
    // HEAD is v0.2.0 itself: roll back to v0.1.0.
    expect(previousRelease(r.dir)).toEqual({ version: 'v0.1.0', commit: r.first });
  });

  it('fails, naming the release, when the record names a commit the clone lacks', () => {
    const r = repo((first) => `| v0.1.0 | ${first} |\n| v0.2.0 | ${B} |\n`);
    expect(() => previousRelease(r.dir)).toThrow(/v0\.2\.0 = b{40}.*no such commit/);
  });

  it('fails when the record is missing or lists nothing before HEAD', () => {
    expect(() => previousRelease(repo().dir)).toThrow(/RELEASES\.md is missing/);
    expect(() => previousRelease(repo((_, second) => `| v0.1.0 | ${second} |\n`).dir)).toThrow(
      /no release before HEAD/,
    );
  });

  it("this repository's record names a commit of this clone", () => {
    expect(previousRelease(ROOT).commit).toMatch(/^[0-9a-f]{40}$/);
  });
});
