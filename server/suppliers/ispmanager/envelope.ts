/**
 * Reads a BILLmanager answer body. client.ts calls parseEnvelope for every reply; api.ts
 * uses the small readers (text, list, record) to pick fields out of the result.
 *
 * We ask for out=bjson (flat JSON, plain string values, a top-level `error` object), but
 * the same tree can arrive in the out=json form (wrapped in "doc", text under "$",
 * attributes as "$name", one list element as an object rather than an array) from
 * proxies or older panels, so both are accepted and folded into one shape.
 *
 * Errors: UnreadableBody when the text is not a JSON object (an HTML login page, a body cut
 * short). A business error is not thrown here: it comes back as { ok: false, error }.
 */
export type BillValue = string | boolean | BillDoc | BillValue[];
export interface BillDoc {
  [key: string]: BillValue;
}

export interface BillError {
  type: string;
  object: string;
  text: string;
}

export type Envelope = { ok: true; doc: BillDoc } | { ok: false; error: BillError };

export class UnreadableBody extends Error {
  constructor(readonly excerpt: string) {
    super('The answer is not BILLmanager JSON');
    this.name = 'UnreadableBody';
  }
}

export function parseEnvelope(body: string): Envelope {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    throw new UnreadableBody(body.slice(0, 300));
  }
  if (!isObject(raw)) throw new UnreadableBody(body.slice(0, 300));
  const wrapped = isObject(raw.doc) ? raw.doc : raw;
  const doc = plain(wrapped) as BillDoc;
  const err = doc.error;
  if ((typeof err === 'string' && err !== '') || (typeof err === 'object' && !Array.isArray(err))) {
    const e = isObject(err) ? (err as BillDoc) : { msg: text(err) };
    return { ok: false, error: { type: text(e.type), object: text(e.object), text: text(e.msg) || text(e) } };
  }
  return { ok: true, doc };
}

/**
 * Folds the out=json conventions into bjson's: {"$":"x"} → "x"; "$attr" → "attr"; numbers
 * → strings. An element with both text and attributes keeps its text under "$".
 */
export function plain(v: unknown): BillValue {
  if (Array.isArray(v)) return v.map(plain);
  if (isObject(v)) {
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === '$') return plain(v.$);
    const out: BillDoc = {};
    for (const k of keys) out[k === '$' || !k.startsWith('$') ? k : k.slice(1)] = plain(v[k]);
    return out;
  }
  if (typeof v === 'boolean') return v;
  if (v === null || v === undefined) return '';
  return String(v);
}

/** A field's text: a plain string, or the "$" text of an element that also has attributes. */
export function text(v: BillValue | undefined): string {
  if (typeof v === 'string') return v;
  if (v && !Array.isArray(v) && typeof v === 'object' && typeof v.$ === 'string') return v.$;
  return '';
}

/** A list field as an array: absent → [], one element → [it] (out=json's single-element quirk). */
export function list(v: BillValue | undefined): BillDoc[] {
  if (v === undefined || v === '' || typeof v === 'boolean') return [];
  const items = Array.isArray(v) ? v : [v];
  return items.filter((x): x is BillDoc => isObject(x));
}

/** A nested object field, or an empty one. */
export function record(v: BillValue | undefined): BillDoc {
  return isObject(v) ? (v as BillDoc) : {};
}

/**
 * A field that bjson may flatten to a dotted key ("model.csr") or nest ({"model":{"csr"}}).
 */
export function dotted(doc: BillDoc, path: string): string {
  if (doc[path] !== undefined) return text(doc[path]);
  let cur: BillValue | undefined = doc;
  for (const part of path.split('.')) cur = isObject(cur) ? (cur as BillDoc)[part] : undefined;
  return text(cur);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
