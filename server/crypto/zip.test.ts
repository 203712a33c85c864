import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildZip } from './zip';

describe('buildZip', () => {
  it('writes an archive that unzip lists, tests and extracts byte for byte', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-zip-'));
    const big = 'x'.repeat(10_000) + '\n';
    const file = join(dir, 'bundle.zip');
    writeFileSync(file, buildZip([{ name: 'example.com.crt', content: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n' }, { name: 'notes/README.txt', content: big }]));
    expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toContain('No errors detected');
    execFileSync('unzip', ['-q', file, '-d', join(dir, 'out')]);
    expect(readFileSync(join(dir, 'out/notes/README.txt'), 'utf8')).toBe(big);
    expect(readFileSync(join(dir, 'out/example.com.crt'), 'utf8')).toContain('BEGIN CERTIFICATE');
  });

  it('refuses names that could escape the folder they are unpacked into', () => {
    expect(() => buildZip([{ name: '../evil', content: 'x' }])).toThrow(/invalid file name/);
    expect(() => buildZip([{ name: '/etc/passwd', content: 'x' }])).toThrow(/invalid file name/);
  });
});
