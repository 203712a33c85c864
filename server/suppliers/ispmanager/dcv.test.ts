import { describe, expect, it } from 'vitest';
import type { CertificateDetails } from './api';
import { dcvInstructions } from './dcv';

const details = (over: Partial<CertificateDetails>): CertificateDetails => ({
  id: '1',
  commonName: 'example.com',
  altNames: ['www.example.com', '*.shop.example.com'],
  pricelist: '5002',
  period: '12',
  itemStatus: '2',
  serviceStatus: '3',
  createdate: '',
  expiredate: '',
  statusMsg: '',
  approverMethod: 'auth_email',
  approverEmails: [],
  authDnsTxtValue: '',
  authFileName: '',
  authFileValue: '',
  authCnameName: '',
  authCnameValue: '',
  csr: '',
  ...over,
});

describe('ispmanager validation instructions', () => {
  it('e-mail: one approver per name, in name order', () => {
    const d = details({ approverEmails: ['admin@example.com', 'webmaster@example.com', 'admin@shop.example.com'] });
    expect(dcvInstructions(d, 'pending_validation')).toEqual([
      { domain: 'example.com', method: 'email', status: 'pending', email: 'admin@example.com' },
      { domain: 'www.example.com', method: 'email', status: 'pending', email: 'webmaster@example.com' },
      { domain: '*.shop.example.com', method: 'email', status: 'pending', email: 'admin@shop.example.com' },
    ]);
  });

  it('DNS TXT: the one value at each name (wildcard label dropped)', () => {
    const d = details({ approverMethod: 'auth_dnstxt', authDnsTxtValue: 'token-1' });
    expect(dcvInstructions(d, 'pending_validation').map((i) => i.dns)).toEqual([
      { host: 'example.com', type: 'TXT', value: 'token-1' },
      { host: 'www.example.com', type: 'TXT', value: 'token-1' },
      { host: 'shop.example.com', type: 'TXT', value: 'token-1' },
    ]);
  });

  it('CNAME: a bare label goes under each name, a full name is kept; trailing dots dropped', () => {
    const bare = details({ altNames: [], approverMethod: 'auth_cname', authCnameName: '_abc', authCnameValue: 'x.sectigo.com.' });
    expect(dcvInstructions(bare, 'pending_validation')[0].dns).toEqual({ host: '_abc.example.com', type: 'CNAME', value: 'x.sectigo.com' });
    const full = details({ altNames: [], approverMethod: 'auth_cname', authCnameName: '_abc.example.com.', authCnameValue: 'x.sectigo.com' });
    expect(dcvInstructions(full, 'pending_validation')[0].dns?.host).toBe('_abc.example.com');
  });

  it('file: under /.well-known/pki-validation/ unless ispmanager names a path', () => {
    const d = details({ altNames: [], approverMethod: 'auth_file', authFileName: 'ABC.txt', authFileValue: 'content' });
    expect(dcvInstructions(d, 'pending_validation')[0]).toEqual({
      domain: 'example.com',
      method: 'http',
      status: 'pending',
      http: { url: 'http://example.com/.well-known/pki-validation/ABC.txt', fileName: 'ABC.txt', content: 'content' },
    });
    const withPath = details({ altNames: [], approverMethod: 'auth_file', authFileName: '/.well-known/acme/DEF.txt', authFileValue: 'c' });
    expect(dcvInstructions(withPath, 'pending_validation')[0].http?.url).toBe('http://example.com/.well-known/acme/DEF.txt');
  });

  it('leaves out data ispmanager has not produced yet, and follows the order status', () => {
    const d = details({ altNames: [], approverMethod: 'auth_dnstxt' });
    expect(dcvInstructions(d, 'pending_validation')).toEqual([{ domain: 'example.com', method: 'dns_txt', status: 'pending' }]);
    expect(dcvInstructions(d, 'issued')[0].status).toBe('valid');
    expect(dcvInstructions(d, 'rejected')[0].status).toBe('failed');
    expect(dcvInstructions(details({ approverMethod: '' }), 'issued')).toEqual([]);
  });
});
