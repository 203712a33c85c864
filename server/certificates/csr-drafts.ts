/**
 * A CSR prefilled on the client's configure page (the HEXONET-style convenience): a key is
 * generated once per service and kept sealed as a draft; the CSR is rebuilt from it with
 * the client's current details on every page load. If the client submits that CSR the key
 * is adopted; if they paste their own, the draft is discarded (configure.ts).
 */
import { buildCsr } from '../crypto/csr';
import { parseKeySpec } from '../crypto/keys';
import { AppError } from '../http/errors';
import type { KeyStore } from './key-store';
import { normaliseName } from './csr-policy';

export interface DraftSubject {
  commonName: string;
  organization?: string;
  locality?: string;
  state?: string;
  country?: string;
}

export class CsrDrafts {
  constructor(private readonly keys: KeyStore) {}

  async prepare(serviceId: number, keySpec: string, subject: DraftSubject): Promise<string> {
    const cn = normaliseName(subject.commonName);
    if (!cn) throw new AppError('invalid_request', 'The service has no domain, so no CSR can be prefilled', 'domain');
    let draft = await this.keys.findDraft(serviceId);
    if (!draft) {
      const key = await this.keys.generate(parseKeySpec(keySpec));
      const id = await this.keys.save(this.keys.database, serviceId, 'draft', key);
      draft = { id, serviceId, purpose: 'draft', keySpec: key.specName, publicKeyFingerprint: key.fingerprint };
    }
    const privateKeyPem = await this.keys.open(draft.id);
    return buildCsr({
      privateKeyPem,
      subject: {
        commonName: cn,
        organization: subject.organization || undefined,
        locality: subject.locality || undefined,
        state: subject.state || undefined,
        country: subject.country && /^[A-Za-z]{2}$/.test(subject.country) ? subject.country.toUpperCase() : undefined,
      },
      altNames: [cn],
    });
  }
}
