/**
 * Enom's transport: every command is a form POST to interface.asp carrying uid, pw (account
 * password or API token), command and responsetype=xml; the answer is an
 * `<interface-response>` envelope that is HTTP 200 even for errors. This file checks the
 * envelope and nothing else.
 *
 * Called by api.ts only. Errors (all SupplierError):
 * - temporary/transient: network failure, timeout, HTTP 5xx (from HttpTransport); a body that
 *   is not well-formed XML, has no ErrCount, or does not end with Done=true (cut off);
 * - ErrCount ≥ 1: mapped by map.ts `enomError` — auth_failed ("Bad User name or Password"),
 *   ip_not_allowed ("User not permitted from this IP address …"), insufficient_funds,
 *   not_found, temporary, else invalid_request with the caller's fallback kind;
 * - invalid_request/permanent: HTTP 4xx (wrong endpoint or blocked before Enom's API).
 * Read-only commands are retried here on transient failures (retry.ts); commands that buy,
 * configure or submit are sent once — purchase.ts decides what a repeat means for them.
 * The password is passed to the transport as a secret in every spelling it takes on the wire.
 */
import { SupplierError, type SupplierErrorKind } from '../errors';
import type { HttpTransport } from '../http';
import { withRetry, type RetryOptions } from '../retry';
import { ENOM, enomBool, enomError } from './map';
import { EnomXmlError, parseEnomXml, textAt, type XmlNode } from './xml';

export type EnomParams = Record<string, string | number | undefined>;

export interface EnomCallOptions {
  /** Kind for an Enom error text map.ts does not recognise (default permanent). */
  fallbackKind?: SupplierErrorKind;
}

export interface EnomClientOptions {
  /** Full URL of interface.asp. */
  endpoint: string;
  uid: string;
  pw: string;
  transport: HttpTransport;
  retry?: RetryOptions;
}

/** Commands that change nothing at Enom (DeleteFromCart only empties the cart again). */
const SAFE_TO_REPEAT = new Set(['getbalance', 'pe_getproductprice', 'certgetcerts', 'certgetcertdetail', 'certgetapproveremail', 'certparsecsr', 'deletefromcart']);

export class EnomClient {
  private readonly secrets: string[];

  constructor(private readonly o: EnomClientOptions) {
    // The call log sees the form body, where the password appears form-encoded.
    const form = new URLSearchParams({ pw: o.pw }).toString().slice(3);
    this.secrets = [...new Set([o.pw, form, encodeURIComponent(o.pw)])].filter((s) => s !== '');
  }

  /** Runs one command; returns the `<interface-response>` element of a successful answer. */
  async call(command: string, params: EnomParams = {}, opts: EnomCallOptions = {}): Promise<XmlNode> {
    if (!SAFE_TO_REPEAT.has(command.toLowerCase())) return this.once(command, params, opts);
    return withRetry(() => this.once(command, params, opts), this.o.retry);
  }

  private async once(command: string, params: EnomParams, opts: EnomCallOptions): Promise<XmlNode> {
    const form = new URLSearchParams({ command, uid: this.o.uid, pw: this.o.pw, responsetype: 'xml' });
    for (const [k, v] of Object.entries(params)) if (v !== undefined) form.set(k, String(v));
    const reply = await this.o.transport.send({
      method: 'POST',
      url: this.o.endpoint,
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: form.toString(),
      action: command,
      secrets: this.secrets,
    });
    if (reply.status >= 400) {
      throw new SupplierError(ENOM.code, 'invalid_request', 'permanent', `${ENOM.displayName} answered HTTP ${reply.status} at ${this.o.endpoint} — check the endpoint and that this server may reach Enom's API`, reply.text.slice(0, 500));
    }
    return envelope(command, reply.text, opts);
  }
}

/** Checks an answer's envelope; exported for the wire-format tests. */
export function envelope(command: string, text: string, opts: EnomCallOptions = {}): XmlNode {
  let root: XmlNode;
  try {
    root = parseEnomXml(text);
  } catch (e) {
    if (!(e instanceof EnomXmlError)) throw e;
    throw unreadable(command, e.message, text);
  }
  if (root.name !== 'interface-response') throw unreadable(command, `root element is <${root.name}>, not <interface-response>`, text);
  const errCount = Number.parseInt(textAt(root, 'ErrCount'), 10);
  if (!Number.isFinite(errCount)) throw unreadable(command, 'no ErrCount', text);
  if (errCount > 0) {
    const errors = [...(root.children.get('errors')?.[0]?.children.entries() ?? [])]
      .filter(([name]) => /^err\d+$/.test(name))
      .sort(([a], [b]) => Number(a.slice(3)) - Number(b.slice(3)))
      .flatMap(([, nodes]) => nodes.map((n) => n.text));
    const numbers = (root.children.get('responses')?.[0]?.children.get('response') ?? []).map((r) => textAt(r, 'ResponseNumber'));
    throw enomError(command, errors, numbers, opts.fallbackKind);
  }
  // Done=true is Enom's own "this entire response reached you" marker.
  if (!enomBool(textAt(root, 'Done'))) throw unreadable(command, 'the answer is incomplete (Done is not true)', text);
  return root;
}

function unreadable(command: string, reason: string, text: string): SupplierError {
  return new SupplierError(ENOM.code, 'temporary', 'transient', `${ENOM.displayName} sent an answer to ${command} that certbridge cannot read (${reason}); will retry`, text.slice(0, 500));
}
