import { beforeAll, describe, expect, it } from 'vitest';
import { buildCsr } from '../../crypto/csr';
import { generatePrivateKey } from '../../crypto/keys';
import { createSandboxCa, issueLeafCertificate, type SandboxCaMaterial } from '../sandbox/ca';
import { isSupplierError } from '../errors';
import { splitCertificateFile } from './certificate-file';

let ca: SandboxCaMaterial;
let leaf: string;
beforeAll(async () => {
  ca = await createSandboxCa();
  const key = await generatePrivateKey({ type: 'ec', curve: 'P-256' });
  leaf = issueLeafCertificate(ca, { csrPem: buildCsr({ privateKeyPem: key, subject: { commonName: 'file.example' } }), dnsNames: ['file.example'], issuedAt: new Date() });
});

describe('ispmanager certificate file', () => {
  it('finds the leaf wherever it stands and keeps the chain in file order', () => {
    const inter = ca.intermediate.certificatePem;
    const root = ca.root.certificatePem;
    expect(splitCertificateFile(`${leaf}${inter}${root}`)).toEqual({ certificatePem: leaf, chainPems: [inter, root] });
    expect(splitCertificateFile(`${inter}\r\n${leaf}`)).toEqual({ certificatePem: leaf, chainPems: [inter] });
    expect(splitCertificateFile(leaf)).toEqual({ certificatePem: leaf, chainPems: [] });
  });

  it.each([
    ['no certificate', 'Certificate is being issued'],
    ['a cut certificate', leafCut()],
  ])('%s is temporary', (_what, body) => {
    let err: unknown;
    try {
      splitCertificateFile(body);
    } catch (e) {
      err = e;
    }
    expect(isSupplierError(err) && { code: err.code, kind: err.kind }).toEqual({ code: 'temporary', kind: 'transient' });
  });
});

function leafCut(): string {
  return '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
}
