/**
 * HEXONET transport: one POST per command to call.cgi with the system entity, login and
 * password in the form body (stateless; no sessions), through the shared HttpTransport (timeout,
 * concurrency cap, call log). api.ts is the only caller.
 *
 * Errors (all SupplierError): network failure, timeout or HTTP 5xx → temporary/transient (from
 * HttpTransport); a body that is not a complete `[RESPONSE]` … `EOF` text → temporary/transient;
 * a response code outside 2xx → whatever map.errorFor says (auth, IP, funds, not found, invalid,
 * or temporary for 4xx codes).
 */
import { SupplierError } from '../errors';
import type { HttpTransport } from '../http';
import { DISPLAY_NAME, SUPPLIER, errorFor, isSuccess } from './map';
import { encodeBody, parseResponse, type Command, type HexonetResponse, type Session } from './wire';

export const LIVE_URL = 'https://api.ispapi.net/api/call.cgi';
export const OTE_URL = 'https://api-ote.ispapi.net/api/call.cgi';
export const LIVE_ENTITY = '54cd';
export const OTE_ENTITY = '1234';

export interface HexonetClientOptions extends Session {
  url: string;
  transport: HttpTransport;
}

export class HexonetClient {
  private readonly secrets: string[];

  constructor(private readonly o: HexonetClientOptions) {
    const pw = o.password;
    // The password appears url-encoded in the body: mask every spelling of it.
    this.secrets = [...new Set([pw, new URLSearchParams({ p: pw }).toString().slice(2), encodeURIComponent(pw)])];
  }

  /** Runs one command; resolves only with a 2xx response. */
  async call(command: Command): Promise<HexonetResponse> {
    const name = String(command.COMMAND ?? '');
    const reply = await this.o.transport.send({
      method: 'POST',
      url: this.o.url,
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8', accept: 'text/plain' },
      body: encodeBody(this.o, command),
      action: name,
      secrets: this.secrets,
    });
    const parsed = parseResponse(reply.text);
    if (!parsed.ok) {
      const what = parsed.problem === 'truncated' ? 'an answer that was cut off' : `something that is not an API response (HTTP ${reply.status}, ${reply.contentType || 'no content type'})`;
      throw new SupplierError(SUPPLIER, 'temporary', 'transient', `${DISPLAY_NAME} answered ${name} with ${what}; certbridge will retry`, reply.text.slice(0, 500));
    }
    const r = parsed.response;
    if (!isSuccess(r.code)) throw errorFor(r.code, r.description);
    return r;
  }
}
