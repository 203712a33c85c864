/**
 * Admin sign-in for the admin app. The addon page (PHP, signed hook AdminSession) gets a
 * login token for the WHMCS admin it runs for: random, single-use, valid 60 s. The app
 * exchanges it once for a session token (valid 8 h) that it keeps in memory and sends as
 * `Authorization: Bearer …` — no cookies, so no CSRF. Both live in MySQL as SHA-256 hashes
 * only (a database dump grants nothing) and are checked against the database clock, so every
 * instance accepts them alike. A disabled or deleted WHMCS admin loses access at once.
 * Called by hooks/admin-session.ts (issue) and routes.ts (exchange, authenticate, end).
 * Errors: AppError('unauthorized', 401) with one message for every bad token — missing,
 * forged, expired or reused look the same from outside, and none of them writes anything.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/connection';
import { AppError } from '../http/errors';
import type { AdminLoginTokenResult, SessionResponse } from './api-types';

export const LOGIN_TOKEN_SECONDS = 60;
export const SESSION_SECONDS = 8 * 3600;

export interface AdminSessionInfo {
  adminId: number;
  /** The WHMCS admin area's base URL when the addon told us (links back into WHMCS). */
  adminBaseUrl: string | null;
  expiresAt: string;
}

const hash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
const newToken = () => randomBytes(32).toString('base64url');
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const toIso = (mysql: string) => `${mysql.replace(' ', 'T')}Z`;

export const LOGIN_REFUSED = 'The sign-in token is missing, invalid, expired or already used: open the certbridge page in WHMCS again';
export const SESSION_REFUSED = 'Your certbridge session is missing, invalid or expired: open the certbridge page in WHMCS again';

export class AdminAuth {
  constructor(private readonly db: Kysely<Database>) {}

  /** For the AdminSession hook: the admin must exist in WHMCS and not be disabled. */
  async issueLoginToken(adminId: number, adminBaseUrl: string | null = null): Promise<AdminLoginTokenResult> {
    const admin = await this.db.selectFrom('tbladmins').select(['id', 'disabled']).where('id', '=', adminId).executeTakeFirst();
    if (!admin) throw new AppError('invalid_request', `WHMCS has no admin #${adminId}`, 'context.adminId');
    if (Number(admin.disabled) === 1) throw new AppError('unauthorized', `WHMCS admin #${adminId} is disabled`);
    await this.purge();
    const token = newToken();
    await sql`INSERT INTO mod_certbridge_admin_tokens (token_hash, admin_id, admin_base_url, expires_at)
      VALUES (${hash(token)}, ${adminId}, ${adminBaseUrl}, NOW(3) + INTERVAL ${LOGIN_TOKEN_SECONDS} SECOND)`.execute(this.db);
    const row = await this.db.selectFrom('mod_certbridge_admin_tokens').select('expires_at').where('token_hash', '=', hash(token)).executeTakeFirstOrThrow();
    return { token, expiresAt: toIso(row.expires_at) };
  }

  /** Spends a login token (atomically: of two racing exchanges only one wins) for a session. */
  async exchange(loginToken: string): Promise<SessionResponse> {
    if (!TOKEN_SHAPE.test(loginToken)) throw new AppError('unauthorized', LOGIN_REFUSED);
    const h = hash(loginToken);
    const res = await sql`UPDATE mod_certbridge_admin_tokens SET used_at = NOW(3)
      WHERE token_hash = ${h} AND used_at IS NULL AND expires_at > NOW(3)`.execute(this.db);
    if (Number(res.numAffectedRows ?? 0) !== 1) throw new AppError('unauthorized', LOGIN_REFUSED);
    const login = await this.db
      .selectFrom('mod_certbridge_admin_tokens as t')
      .innerJoin('tbladmins as a', 'a.id', 't.admin_id')
      .select(['t.admin_id', 't.admin_base_url', 'a.disabled'])
      .where('t.token_hash', '=', h)
      .executeTakeFirst();
    if (!login || Number(login.disabled) === 1) throw new AppError('unauthorized', LOGIN_REFUSED);
    const session = newToken();
    await sql`INSERT INTO mod_certbridge_admin_sessions (token_hash, admin_id, admin_base_url, expires_at)
      VALUES (${hash(session)}, ${login.admin_id}, ${login.admin_base_url}, NOW(3) + INTERVAL ${SESSION_SECONDS} SECOND)`.execute(this.db);
    const row = await this.db.selectFrom('mod_certbridge_admin_sessions').select('expires_at').where('token_hash', '=', hash(session)).executeTakeFirstOrThrow();
    return { sessionToken: session, adminId: login.admin_id, expiresAt: toIso(row.expires_at) };
  }

  /** The session behind an Authorization header value; throws 401 for anything else. */
  async authenticate(header: string | undefined): Promise<AdminSessionInfo> {
    const m = /^Bearer ([A-Za-z0-9_-]{43})$/.exec((header ?? '').trim());
    if (!m) throw new AppError('unauthorized', SESSION_REFUSED);
    const row = await this.db
      .selectFrom('mod_certbridge_admin_sessions as s')
      .innerJoin('tbladmins as a', 'a.id', 's.admin_id')
      .select(['s.admin_id', 's.admin_base_url', 's.expires_at'])
      .where('s.token_hash', '=', hash(m[1]))
      .where('a.disabled', '=', 0)
      .where(sql<boolean>`s.expires_at > NOW(3)`)
      .executeTakeFirst();
    if (!row) throw new AppError('unauthorized', SESSION_REFUSED);
    return { adminId: row.admin_id, adminBaseUrl: row.admin_base_url, expiresAt: toIso(row.expires_at) };
  }

  /** Sign-out: the session token stops working on every instance. */
  async end(header: string | undefined): Promise<void> {
    const m = /^Bearer ([A-Za-z0-9_-]{43})$/.exec((header ?? '').trim());
    if (m) await this.db.deleteFrom('mod_certbridge_admin_sessions').where('token_hash', '=', hash(m[1])).execute();
  }

  /** Drops tokens and sessions that can no longer be used (run when issuing, so no timer is needed). */
  async purge(): Promise<void> {
    await this.db.deleteFrom('mod_certbridge_admin_tokens').where(sql<boolean>`expires_at < NOW(3) - INTERVAL 1 DAY`).execute();
    await this.db.deleteFrom('mod_certbridge_admin_sessions').where(sql<boolean>`expires_at < NOW(3)`).execute();
  }
}
