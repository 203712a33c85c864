/**
 * Certificate downloads in the formats servers need. Only an issued order has files; the
 * private key (and so PFX) exists only when we generated the CSR. Callers check that the
 * requester owns the service before asking.
 */
import { AppError } from '../http/errors';
import { certificatesToPkcs7 } from '../crypto/pkcs7';
import { buildPkcs12 } from '../crypto/pkcs12';
import type { KeyStore } from './key-store';
import type { OrderRow } from './orders';
import { splitPemBlocks } from '../crypto/pem';
import { buildZip, type ZipEntry } from '../crypto/zip';

/**
 * The files each server expects, named as its documentation does, with a README saying
 * which directive takes which file. The key is included only when certbridge generated it.
 */
function serverBundle(format: 'bundle-nginx' | 'bundle-apache' | 'bundle-cpanel', name: string, leaf: string, chain: string[], key: string | null): ZipEntry[] {
  const chainPem = chain.join('\n') + '\n';
  const keyNote = key ? '' : '\nYou supplied your own CSR: use the private key you created with it (certbridge never had it).\n';
  switch (format) {
    case 'bundle-nginx':
      return [
        { name: `${name}.fullchain.pem`, content: [leaf.trim(), ...chain].join('\n') + '\n' },
        ...(key ? [{ name: `${name}.key`, content: key }] : []),
        { name: 'README.txt', content: `nginx:\n  ssl_certificate     /etc/ssl/${name}.fullchain.pem;\n  ssl_certificate_key /etc/ssl/${name}.key;\n${keyNote}` },
      ];
    case 'bundle-apache':
      return [
        { name: `${name}.crt`, content: leaf },
        { name: `${name}.ca-bundle.crt`, content: chainPem },
        ...(key ? [{ name: `${name}.key`, content: key }] : []),
        { name: 'README.txt', content: `Apache (mod_ssl, 2.4.8 and later may also use the full chain in SSLCertificateFile):\n  SSLCertificateFile      /etc/ssl/${name}.crt\n  SSLCertificateKeyFile   /etc/ssl/${name}.key\n  SSLCertificateChainFile /etc/ssl/${name}.ca-bundle.crt\n${keyNote}` },
      ];
    case 'bundle-cpanel':
      return [
        { name: `${name}.crt`, content: leaf },
        ...(key ? [{ name: `${name}.key`, content: key }] : []),
        { name: `${name}.cabundle`, content: chainPem },
        { name: 'README.txt', content: `cPanel → SSL/TLS → Install and Manage SSL for your site (HTTPS):\n  Certificate (CRT):                  contents of ${name}.crt\n  Private Key (KEY):                  contents of ${name}.key\n  Certificate Authority Bundle (CABUNDLE): contents of ${name}.cabundle\n${keyNote}` },
      ];
  }
}

export const DOWNLOAD_FORMATS = {
  'pem-leaf': 'Certificate (PEM)',
  'pem-chain': 'Intermediate chain (PEM)',
  'pem-fullchain': 'Full chain for nginx (PEM)',
  'pem-key': 'Private key (PEM)',
  pkcs7: 'PKCS#7 for Windows/Tomcat (.p7b)',
  pfx: 'PKCS#12 for IIS/Windows (.pfx, with password)',
  'bundle-nginx': 'nginx bundle (.zip)',
  'bundle-apache': 'Apache bundle (.zip)',
  'bundle-cpanel': 'cPanel bundle (.zip)',
} as const;

export type DownloadFormat = keyof typeof DOWNLOAD_FORMATS;

export interface DownloadFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

const KEY_FORMATS: DownloadFormat[] = ['pem-key', 'pfx'];

/** Formats offered for an order (key formats only when we hold the key). */
export function availableFormats(order: Pick<OrderRow, 'state' | 'key_id'>): DownloadFormat[] {
  if (order.state !== 'issued') return [];
  return (Object.keys(DOWNLOAD_FORMATS) as DownloadFormat[]).filter((f) => order.key_id || !KEY_FORMATS.includes(f));
}

export class DownloadService {
  constructor(private readonly keys: KeyStore) {}

  async build(order: OrderRow, format: string, pfxPassword = ''): Promise<DownloadFile> {
    if (!(format in DOWNLOAD_FORMATS)) {
      throw new AppError('invalid_request', `Unknown download format "${format}"; choose one of: ${Object.keys(DOWNLOAD_FORMATS).join(', ')}`, 'format');
    }
    const f = format as DownloadFormat;
    if (order.state !== 'issued' || !order.certificate_pem) {
      throw new AppError('conflict', 'The certificate has not been issued yet; there is nothing to download', 'format');
    }
    if (KEY_FORMATS.includes(f) && !order.key_id) {
      throw new AppError('invalid_request', 'You supplied your own CSR, so the private key never left your server and certbridge has no copy of it', 'format');
    }
    const name = (order.common_name ?? 'certificate').replace(/^\*\./, 'wildcard.').replace(/[^a-z0-9.-]/gi, '_');
    const leaf = order.certificate_pem.trim() + '\n';
    const chain = splitPemBlocks(order.chain_pem ?? '', 'CERTIFICATE').map((b) => b.pem.trim());
    const pem = (text: string, filename: string): DownloadFile => ({ filename, contentType: 'application/x-pem-file', body: Buffer.from(text) });
    switch (f) {
      case 'pem-leaf':
        return pem(leaf, `${name}.crt`);
      case 'pem-chain':
        return pem(chain.join('\n') + '\n', `${name}.ca-bundle.crt`);
      case 'pem-fullchain':
        return pem([leaf.trim(), ...chain].join('\n') + '\n', `${name}.fullchain.pem`);
      case 'pem-key':
        return pem(await this.keys.open(order.key_id!), `${name}.key`);
      case 'pkcs7':
        return { filename: `${name}.p7b`, contentType: 'application/x-pkcs7-certificates', body: Buffer.from(certificatesToPkcs7([leaf, ...chain])) };
      case 'bundle-nginx':
      case 'bundle-apache':
      case 'bundle-cpanel': {
        const key = order.key_id ? await this.keys.open(order.key_id) : null;
        const files = serverBundle(f, name, leaf, chain, key);
        return { filename: `${name}.${f.slice('bundle-'.length)}.zip`, contentType: 'application/zip', body: buildZip(files) };
      }
      case 'pfx': {
        if (pfxPassword.length < 8) throw new AppError('invalid_request', 'Choose a password of at least 8 characters for the PFX file; you will need it when importing', 'pfxpassword');
        const body = buildPkcs12({ privateKeyPem: await this.keys.open(order.key_id!), certificatePem: leaf, chainPems: chain, password: pfxPassword, friendlyName: order.common_name ?? undefined });
        return { filename: `${name}.pfx`, contentType: 'application/x-pkcs12', body };
      }
    }
  }
}
