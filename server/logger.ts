/**
 * Structured JSON logs (pino). Field names that carry secrets are redacted wherever they
 * appear, so a careless `log.info({ params })` cannot leak a WHMCS server password, the
 * hook secret or a private key.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

const SECRET_KEYS = [
  'password', 'serverpassword', 'serveraccesshash', 'accesshash', 'secret', 'hookSecret',
  'masterKey', 'privateKeyPem', 'private_key', 'sealed_private_key', 'pfxpassword', 'authorization',
];

const redactPaths = SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `*.*.*.${k}`]);

export function createLogger(level = 'info', destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'certbridge' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: redactPaths, censor: '[masked]' },
    },
    destination,
  );
}

/** Replaces every occurrence of each secret with asterisks of the same length. */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join('*'.repeat(s.length));
  }
  return out;
}
