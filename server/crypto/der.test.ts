import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DerError, Tag, childrenOf, integer, oid, parseDer, readElement, readOid, readTime, sequence, setOf, time } from './der';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cb-der-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** openssl's own reading of our DER — independent of our decoder. */
const asn1parse = (der: Buffer) => {
  const path = join(dir, 'x.der');
  writeFileSync(path, der);
  return execFileSync('openssl', ['asn1parse', '-inform', 'DER', '-in', path], { encoding: 'utf8' });
};

describe('encoding', () => {
  it('writes minimal positive INTEGERs openssl reads back as the same numbers', () => {
    const values = [0, 127, 128, 255, 256, 65_537];
    const out = asn1parse(sequence(...values.map((v) => integer(v)), integer(Buffer.from('00ff00', 'hex'))));
    const printed = [...out.matchAll(/INTEGER\s+:(-?[0-9A-F]+)/g)].map((m) => parseInt(m[1], 16));
    expect(printed).toEqual([...values, 0xff00]);
    expect(integer(128)).toEqual(Buffer.from('02020080', 'hex')); // 0x00 pad, else negative
    expect(integer(Buffer.from('0001', 'hex'))).toEqual(Buffer.from('020101', 'hex')); // no redundant zero
  });

  it('uses UTCTime through 2049 and GeneralizedTime from 2050, and reads both back', () => {
    const a = new Date('2049-12-31T23:59:59Z');
    const b = new Date('2050-01-01T00:00:00Z');
    const out = asn1parse(sequence(time(a), time(b)));
    expect(out).toMatch(/UTCTIME\s+:491231235959Z/);
    expect(out).toMatch(/GENERALIZEDTIME\s+:20500101000000Z/);
    const [ta, tb] = childrenOf(parseDer(sequence(time(a), time(b))));
    expect(readTime(ta)).toEqual(a);
    expect(readTime(tb)).toEqual(b);
    expect(time(new Date('2030-01-01T00:00:00.999Z'))).toEqual(time(new Date('2030-01-01T00:00:00Z')));
  });

  it('encodes long lengths (> 127 and > 255 bytes) the way openssl expects', () => {
    const big = sequence(Buffer.alloc(300, 0x05).fill(Buffer.from([0x05, 0x00])));
    expect(asn1parse(big)).toMatch(/d=0\s+hl=4 l= 300 cons: SEQUENCE/);
    expect(readElement(big).content.length).toBe(300);
  });

  it('sorts SET OF members (DER) and round-trips OIDs through openssl', () => {
    const set = setOf([integer(2), integer(1)]);
    expect(set).toEqual(Buffer.from('3106020101020102', 'hex'));
    expect(asn1parse(oid('1.2.840.113549.1.9.14'))).toMatch(/OBJECT\s+:Extension Request/);
    expect(readOid(parseDer(oid('2.5.29.17')))).toBe('2.5.29.17');
  });
});

describe('decoding', () => {
  it('throws DerError for truncated input, indefinite lengths and trailing bytes', () => {
    const ok = sequence(integer(1));
    expect(() => parseDer(ok.subarray(0, ok.length - 1))).toThrow(DerError);
    expect(() => parseDer(Buffer.from('3080020101 0000'.replace(' ', ''), 'hex'))).toThrow(/indefinite/);
    expect(() => parseDer(Buffer.concat([ok, Buffer.from([0])]))).toThrow(/trailing/);
    expect(() => childrenOf(parseDer(integer(1)))).toThrow(/constructed/);
  });

  it('slices children without re-encoding', () => {
    const inner = sequence(integer(5), oid('1.2.3'));
    const outer = sequence(inner, integer(7));
    const [first, second] = childrenOf(parseDer(outer));
    expect(first.raw).toEqual(inner);
    expect(second.tag).toBe(Tag.INTEGER);
  });
});
