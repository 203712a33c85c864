/** Runs the real openssl CLI on files in a temp folder; every emitted artefact is checked with it. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class OpensslDir {
  readonly dir = mkdtempSync(join(tmpdir(), 'cb-openssl-'));

  write(name: string, content: string | Buffer): string {
    const file = join(this.dir, name);
    writeFileSync(file, content);
    return file;
  }

  run(args: string[], input?: string): string {
    return execFileSync('openssl', args, { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'], cwd: this.dir });
  }

  /** A fresh key and CSR made by openssl itself (as a client would paste). */
  csr(cn: string, opts: { bits?: number; sans?: string[]; ec?: boolean } = {}): { csr: string; keyFile: string } {
    const keyFile = join(this.dir, `${cn.replace(/\W/g, '_')}-${Math.random().toString(36).slice(2)}.key`);
    const newkey = opts.ec ? ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'] : ['-newkey', `rsa:${opts.bits ?? 2048}`];
    const ext = opts.sans ? ['-addext', `subjectAltName=${opts.sans.map((s) => `DNS:${s}`).join(',')}`] : [];
    const csr = this.run(['req', '-new', ...newkey, '-nodes', '-keyout', keyFile, '-subj', `/CN=${cn}/O=Test Org`, ...ext]);
    return { csr, keyFile };
  }

  /** SHA-256 of a certificate's / key's / CSR's public key in DER, via openssl. */
  publicKeyDigest(kind: 'x509' | 'req' | 'pkey', file: string): string {
    const pub = kind === 'pkey' ? this.run(['pkey', '-in', file, '-pubout']) : this.run([kind, '-in', file, '-noout', '-pubkey']);
    const der = execFileSync('openssl', ['pkey', '-pubin', '-outform', 'DER'], { input: pub });
    return execFileSync('openssl', ['dgst', '-sha256', '-r'], { input: der, encoding: 'utf8' }).split(' ')[0];
  }
}
