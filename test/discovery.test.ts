/** Discovery answers from what it already read: real paths of plain files, and folder listings for sibling parameters files. */
import { mkdirSync, readdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayPath, findTemplates, parametersFileFor } from '../src/cli/files.js';
import { FolderListing } from '../src/cli/folder-listing.js';
import { scratchFolder, writeFiles } from './helpers/scratch.js';

const none = () => false;

describe('findTemplates', () => {
  it("knows a plain file's real path (through a linked root), not a linked file's", () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'real/sub/main.json': '{}', 'real/other.json': '{}' });
    symlinkSync(join(dir, 'real', 'other.json'), join(dir, 'real', 'sub', 'linked.json'));
    symlinkSync(join(dir, 'real'), join(dir, 'root'));
    const found = findTemplates(['root'], dir, none);
    expect(found.map((candidate) => [candidate.display, candidate.real])).toEqual([
      ['root/other.json', realpathSync(join(dir, 'real', 'other.json'))],
      ['root/sub/linked.json', undefined],
      ['root/sub/main.json', realpathSync(join(dir, 'real', 'sub', 'main.json'))],
    ]);
    expect(found.every((candidate) => candidate.folder !== undefined)).toBe(true);
  });

  it('a folder linked back into the search is searched once', () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'a/main.json': '{}' });
    symlinkSync(dir, join(dir, 'a', 'up'));
    symlinkSync(join(dir, 'a'), join(dir, 'again'));
    expect(findTemplates(['.'], dir, none).map((candidate) => candidate.display)).toEqual(['a/main.json']);
  });

  it('a file named on the command line has no listing (its parameters file is looked up on disk)', () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'main.json': '{}' });
    const [candidate] = findTemplates(['main.json'], dir, none);
    expect(candidate.explicit).toBe(true);
    expect(candidate.folder).toBeUndefined();
    expect(candidate.real).toBeUndefined();
  });
});

describe('parametersFileFor with a folder listing', () => {
  function listing(dir: string): FolderListing {
    return new FolderListing(readdirSync(dir, { withFileTypes: true }));
  }

  it('answers from the listing: a file listed is found, one created since is not (no stat)', () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'a.json': '{}', 'a.parameters.json': '{}', 'b.json': '{}' });
    const folder = listing(dir);
    writeFileSync(join(dir, 'b.parameters.json'), '{}');
    expect(parametersFileFor(join(dir, 'a.json'), folder)).toBe(join(dir, 'a.parameters.json'));
    expect(parametersFileFor(join(dir, 'b.json'), folder)).toBeUndefined();
    expect(parametersFileFor(join(dir, 'b.json'))).toBe(join(dir, 'b.parameters.json'));
  });

  it('a listed symbolic link is followed; a listed folder is no parameters file', () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'a.json': '{}', 'b.json': '{}', 'c.json': '{}', 'target.txt': '{}' });
    symlinkSync(join(dir, 'target.txt'), join(dir, 'a.parameters.json'));
    symlinkSync(join(dir, 'gone.txt'), join(dir, 'b.parameters.json'));
    mkdirSync(join(dir, 'c.parameters.json'));
    const folder = listing(dir);
    expect(parametersFileFor(join(dir, 'a.json'), folder)).toBe(join(dir, 'a.parameters.json'));
    expect(parametersFileFor(join(dir, 'b.json'), folder)).toBeUndefined();
    expect(parametersFileFor(join(dir, 'c.json'), folder)).toBeUndefined();
  });

  it('a Bicep file: .bicepparam first, then .parameters.json', () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'main.bicep': '', 'main.parameters.json': '{}', 'both.bicep': '', 'both.bicepparam': '', 'both.parameters.json': '{}' });
    const folder = listing(dir);
    expect(parametersFileFor(join(dir, 'main.bicep'), folder)).toBe(join(dir, 'main.parameters.json'));
    expect(parametersFileFor(join(dir, 'both.bicep'), folder)).toBe(join(dir, 'both.bicepparam'));
  });
});

describe('FolderListing', () => {
  const entries = (dir: string) => readdirSync(dir, { withFileTypes: true });

  it('names a file, a missing name, and a name another spelling may match (a case-insensitive file system)', () => {
    const dir = scratchFolder();
    writeFiles(dir, { 'Main.Parameters.json': '{}', 'x.json': '{}', 'sub/keep': '' });
    const folder = new FolderListing(entries(dir));
    expect(folder.kindOf('x.json')).toBe('file');
    expect(folder.kindOf('y.json')).toBe('none');
    expect(folder.kindOf('sub')).toBe('none');
    expect(folder.kindOf('main.parameters.json')).toBe('stat');
  });
});

describe('displayPath', () => {
  /** What displayPath was before its prefix test: relative() for every path. */
  function byRelative(path: string, cwd: string): string {
    const rel = relative(cwd, path);
    return (rel && !rel.startsWith('..') ? rel : path).split(sep).join('/');
  }

  it.skipIf(sep !== '/')('shows what relative() shows, for paths below, beside, above and around the working folder', () => {
    const cwds = ['/srv/repo', '/srv/repo/', '/', '/srv', '/srv/./repo', '/srv//repo', '/srv/x/../repo', '/srv/repo-2'];
    const paths = [
      '/srv/repo/main.json',
      '/srv/repo',
      '/srv/repo/',
      '/srv/repository/main.json',
      '/srv/repo-2/main.json',
      '/srv/other/main.json',
      '/srv/repo/..hidden.json',
      '/srv/repo/a/../b.json',
      '/srv/repo//c.json',
      '/srv/repo/./d.json',
      '/etc/main.json',
      '/main.json',
      '/',
      'relative/main.json',
    ];
    for (const cwd of cwds) for (const path of paths) expect(displayPath(path, cwd), `${path} from ${cwd}`).toBe(byRelative(path, cwd));
  });
});
