import { describe, expect, it } from 'vitest';
import { encodeBody, encodeCommand, linesToPem, parseResponse, pemToLines, recordsOf } from './wire';

const ok = (r: ReturnType<typeof parseResponse>) => {
  if (!r.ok) throw new Error(`not parsed: ${r.problem}`);
  return r.response;
};

describe('encodeCommand', () => {
  it('upper-cases keys, flattens arrays to indexed keys, skips null/undefined and strips CR/LF', () => {
    const text = encodeCommand({ command: 'CreateSSLCert', csr: ['-----BEGIN X-----', 'AAAA'], period: 1, skip: undefined, gone: null, note: 'a\r\nb' });
    expect(text.split('\n')).toEqual(['COMMAND=CreateSSLCert', 'CSR0=-----BEGIN X-----', 'CSR1=AAAA', 'PERIOD=1', 'NOTE=ab']);
  });

  it('puts entity, login, password and command into a url-encoded form', () => {
    const body = new URLSearchParams(encodeBody({ entity: '1234', login: 'me!ssl', password: 'p&w=+ ü' }, { COMMAND: 'StatusUser' }));
    expect(Object.fromEntries(body)).toEqual({ s_entity: '1234', s_login: 'me!ssl', s_pw: 'p&w=+ ü', s_command: 'COMMAND=StatusUser' });
  });
});

describe('parseResponse', () => {
  it('reads CODE, DESCRIPTION, top-level fields and PROPERTY columns with or without spaces, CRLF or LF', () => {
    const text = '[RESPONSE]\r\ncode=200\r\nDESCRIPTION = Command completed successfully\r\nPROPERTY[SSLCERTID][0]=5931155925\r\nproperty[status][0] =   PENDINGCREATE  \r\nPROPERTY[FAX][0] =\r\nQUEUETIME = 0\r\nRUNTIME\t=\t0.412\r\nEOF\r\n';
    const r = ok(parseResponse(text));
    expect(r.code).toBe(200);
    expect(r.description).toBe('Command completed successfully');
    expect(r.fields).toEqual({ QUEUETIME: '0', RUNTIME: '0.412' });
    expect(r.columns).toEqual({ SSLCERTID: ['5931155925'], STATUS: ['PENDINGCREATE'], FAX: [''] });
  });

  it('keeps "=" inside values (base64 padding, descriptions)', () => {
    const r = ok(parseResponse('[RESPONSE]\nCODE = 505\nDESCRIPTION = Invalid attribute value syntax; A=B\nPROPERTY[CRT][0] = 6gsvrCzMg/g2aG0TRKQ/JhY=\nEOF\n'));
    expect(r.description).toBe('Invalid attribute value syntax; A=B');
    expect(r.columns.CRT).toEqual(['6gsvrCzMg/g2aG0TRKQ/JhY=']);
  });

  it('places values by index, so out-of-order lines still line up', () => {
    const r = ok(parseResponse('[RESPONSE]\nCODE = 200\nDESCRIPTION = ok\nPROPERTY[CRT][1] = b\nPROPERTY[CRT][0] = a\nPROPERTY[X][2] = z\nEOF\n'));
    expect(r.columns.CRT).toEqual(['a', 'b']);
    expect(r.columns.X).toEqual(['', '', 'z']);
  });

  it('calls a body without EOF truncated and an HTML page not HEXONET', () => {
    expect(parseResponse('[RESPONSE]\nCODE = 200\nDESCRIPTION = Command completed successfully\nPROPERTY[RELATIONTYPE][0] = PRICE_CL')).toEqual({ ok: false, problem: 'truncated' });
    expect(parseResponse('[RESPONSE]\nCODE = 2')).toEqual({ ok: false, problem: 'truncated' });
    expect(parseResponse('<html><body>502 Bad Gateway</body></html>')).toEqual({ ok: false, problem: 'not_hexonet' });
    expect(parseResponse('')).toEqual({ ok: false, problem: 'not_hexonet' });
  });

  it('builds rows like the vendor SDK', () => {
    const r = ok(parseResponse('[RESPONSE]\nCODE = 200\nDESCRIPTION = ok\nPROPERTY[EMAIL][0] = a@x\nPROPERTY[EMAIL][1] = b@x\nPROPERTY[LEVEL][0] = WHOIS\nEOF\n'));
    expect(recordsOf(r)).toEqual([{ EMAIL: 'a@x', LEVEL: 'WHOIS' }, { EMAIL: 'b@x' }]);
  });
});

describe('PEM lines', () => {
  it('splits a PEM into one value per line and joins the values back', () => {
    const pem = '-----BEGIN CERTIFICATE REQUEST-----\r\nMIIB\r\nAAAA\r\n-----END CERTIFICATE REQUEST-----\r\n\r\n';
    const lines = pemToLines(pem);
    expect(lines).toEqual(['-----BEGIN CERTIFICATE REQUEST-----', 'MIIB', 'AAAA', '-----END CERTIFICATE REQUEST-----']);
    expect(linesToPem(lines)).toBe('-----BEGIN CERTIFICATE REQUEST-----\nMIIB\nAAAA\n-----END CERTIFICATE REQUEST-----\n');
    expect(linesToPem([])).toBeUndefined();
    expect(linesToPem(undefined)).toBeUndefined();
  });
});
