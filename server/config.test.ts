import { describe, expect, it } from 'vitest';
import { loadConfig, ConfigError } from './config';

const good = {
  CERTBRIDGE_DATABASE_URL: 'mysql://whmcs:pw@127.0.0.1:3306/whmcs',
  CERTBRIDGE_HOOK_SECRET: 'a'.repeat(32),
  CERTBRIDGE_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
};

describe('loadConfig', () => {
  it('applies defaults for port and host', () => {
    const c = loadConfig(good);
    expect(c.port).toBe(8420);
    expect(c.host).toBe('127.0.0.1');
    expect(c.masterKey.length).toBe(32);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('names every missing variable in one message', () => {
    expect(() => loadConfig({})).toThrow(ConfigError);
    try {
      loadConfig({});
    } catch (e) {
      const m = (e as Error).message;
      expect(m).toContain('CERTBRIDGE_DATABASE_URL is not set');
      expect(m).toContain('CERTBRIDGE_HOOK_SECRET is not set');
      expect(m).toContain('CERTBRIDGE_MASTER_KEY is not set');
    }
  });

  it('rejects a master key that is not 32 bytes without echoing it', () => {
    const key = Buffer.alloc(16, 1).toString('base64');
    try {
      loadConfig({ ...good, CERTBRIDGE_MASTER_KEY: key });
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toContain('CERTBRIDGE_MASTER_KEY must be 32 random bytes');
      expect((e as Error).message).not.toContain(key);
    }
  });

  it('rejects a malformed port and database URL', () => {
    expect(() => loadConfig({ ...good, CERTBRIDGE_PORT: 'eighty' })).toThrow(/CERTBRIDGE_PORT must be a number/);
    expect(() => loadConfig({ ...good, CERTBRIDGE_PORT: '70000' })).toThrow(/between 1 and 65535/);
    expect(() => loadConfig({ ...good, CERTBRIDGE_DATABASE_URL: 'postgres://x/y' })).toThrow(/mysql:\/\//);
  });

  it('checks the admin frame ancestors are origins', () => {
    expect(loadConfig({ ...good, CERTBRIDGE_ADMIN_FRAME_ANCESTORS: 'https://a.example http://b.example:8080' }).adminFrameAncestors).toBe('https://a.example http://b.example:8080');
    expect(() => loadConfig({ ...good, CERTBRIDGE_ADMIN_FRAME_ANCESTORS: 'https://a.example/path' })).toThrow(/CERTBRIDGE_ADMIN_FRAME_ANCESTORS must be origins/);
  });

  it('rejects a short hook secret', () => {
    expect(() => loadConfig({ ...good, CERTBRIDGE_HOOK_SECRET: 'short' })).toThrow(/at least 24 characters/);
  });
});
