import { describe, expect, it } from 'vitest';
import type { StatusRecord } from './api';
import { readEnvelope } from './client';
import { stateFromAdd, stateFromStatus } from './order-state';

const NOW = new Date('2026-05-10T12:00:00Z');
const PEM = (label: string) => `-----BEGIN CERTIFICATE-----\\n${label}\\n-----END CERTIFICATE-----\\n`;
// A real-looking answer as GoGetSSL's PHP writes it (escaped slashes, \n in strings, "[]" for {}).
const body = `{"order_id":"1234567","product_id":"71","status":"active","status_description":"Issued",
 "domain":"example.com","validity_period":"12","valid_from":"2026-03-01","valid_till":"2026-09-17",
 "dcv_method":"dns","approver_email":"","approver_method":{"dns":{"record":"_a1.example.com. CNAME d4.sectigo.com."}},
 "crt_code":"${PEM('MIIBleaf')}","ca_code":"${PEM('MIIBinter')}${PEM('MIIBroot')}",
 "san":[{"san_name":"www.example.com","status":"2","status_description":"Validated","validation_method":"http",
   "validation":{"http":{"link":"http:\\/\\/www.example.com\\/.well-known\\/pki-validation\\/AB.txt","filename":"AB.txt","content":"hash\\r\\nsectigo.com\\r\\nxyz"}}},
  {"san_name":"mail.example.com","validation_method":"email","validation":[]}],
 "success":true}`;

describe('GoGetSSL order state', () => {
  it('parses a status record with its certificate, bundle and per-domain instructions', () => {
    // Not real DER: the PEM blocks only need to be base64 for the split.
    const record = readEnvelope({ status: 200, contentType: 'application/json', text: body.replace(/MIIB[A-Za-z]+/g, 'TUlJQg==') }) as unknown as StatusRecord;
    const s = stateFromStatus(record, 'comodo', NOW);
    expect(s).toMatchObject({ supplierOrderId: '1234567', status: 'issued', rawStatus: 'active' });
    expect(s.certificatePem).toMatch(/^-----BEGIN CERTIFICATE-----\nTUlJQg==\n-----END CERTIFICATE-----\n$/);
    expect(s.chainPems).toHaveLength(2);
    expect(s.dcv).toEqual([
      { domain: 'example.com', method: 'dns_cname', status: 'valid', dns: { host: '_a1.example.com', type: 'CNAME', value: 'd4.sectigo.com' } },
      { domain: 'www.example.com', method: 'http', status: 'valid', http: { url: 'http://www.example.com/.well-known/pki-validation/AB.txt', fileName: 'AB.txt', content: 'hash\nsectigo.com\nxyz' } },
      { domain: 'mail.example.com', method: 'email', status: 'valid' },
    ]);
    expect(s.message).toBeUndefined();
  });

  it('derives expired and leaves a broken PEM out instead of failing', () => {
    const s = stateFromStatus({ order_id: 9, status: 'active', valid_till: '2026-05-01', crt_code: '-----BEGIN CERTIFICATE-----\n%%%\n-----END CERTIFICATE-----' }, '', NOW);
    expect(s.status).toBe('expired');
    expect(s.certificatePem).toBeUndefined();
  });

  it('fills e-mail instructions the add_ssl_order answer leaves out', () => {
    const s = stateFromAdd({ order_id: '77', order_status: 'processing', approver_method: [], san: [] }, { commonName: 'a.example', dcv: [{ domain: 'a.example', method: 'email', email: 'admin@a.example' }, { domain: 'www.a.example', method: 'email', email: 'admin@a.example' }] }, 'comodo', NOW);
    expect(s).toMatchObject({ supplierOrderId: '77', status: 'pending_validation', rawStatus: 'processing' });
    expect(s.dcv).toEqual([
      { domain: 'a.example', method: 'email', status: 'pending', email: 'admin@a.example' },
      { domain: 'www.a.example', method: 'email', status: 'pending', email: 'admin@a.example' },
    ]);
  });
});
