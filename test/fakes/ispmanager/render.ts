/**
 * Renders the fake's answers the way BILLmanager does for each `out` value: bjson (flat
 * JSON, plain strings, arrays, top-level "error"), json (everything under "doc", text as
 * {"$": …}, attributes as "$name", a one-element list collapsed to an object — the classic
 * XML-to-JSON quirk), xml (<doc>…</doc>). No out (or an unknown one) gets the HTML panel,
 * as a browser would. server.ts is the only caller.
 */
export type Tree = { [key: string]: TreeValue };
export type TreeValue = string | true | Tree | TreeValue[];

export interface FakeBillError {
  type: string;
  object: string;
  msg: string;
}

export interface Rendered {
  contentType: string;
  body: string;
}

export const LOGIN_PAGE = '<!DOCTYPE html>\n<html><head><title>BILLmanager</title></head><body><form method="post" action="/billmgr"><input name="username"><input name="password" type="password"><button name="func" value="auth">Log in</button></form></body></html>\n';

export function renderDoc(tree: Tree, out: string): Rendered {
  if (out === 'bjson') return json(tree);
  if (out === 'json' || out === 'sjson') return json({ doc: wrap(tree) });
  if (out === 'xml') return xml(`<doc>${xmlChildren(tree)}</doc>`);
  return { contentType: 'text/html; charset=utf-8', body: LOGIN_PAGE };
}

export function renderError(e: FakeBillError, out: string): Rendered {
  if (out === 'json' || out === 'sjson') return json({ doc: { error: { $type: e.type, $object: e.object, msg: { $: e.msg } } } });
  if (out === 'xml') return xml(`<doc><error type="${esc(e.type)}" object="${esc(e.object)}" lang="en"><msg>${esc(e.msg)}</msg></error></doc>`);
  // bjson, and also what the fake answers a file download that failed without `out`.
  return json({ error: { type: e.type, object: e.object, msg: e.msg } });
}

const json = (v: unknown): Rendered => ({ contentType: 'application/json; charset=utf-8', body: JSON.stringify(v) });
const xml = (inner: string): Rendered => ({ contentType: 'text/xml; charset=utf-8', body: `<?xml version="1.0" encoding="UTF-8"?>\n${inner}\n` });

/** A select-list value {k, v} becomes an attribute and text, as BILLmanager's <val key="…">. */
const isKeyValue = (t: Tree) => Object.keys(t).length === 2 && typeof t.k === 'string' && typeof t.v === 'string';

function wrap(v: TreeValue): unknown {
  if (v === true) return {};
  if (typeof v === 'string') return { $: v };
  if (Array.isArray(v)) return v.length === 1 ? wrap(v[0]) : v.map(wrap);
  if (isKeyValue(v)) return { $key: v.k, $: v.v };
  if (typeof v.name === 'string' && Array.isArray(v.val)) return { $name: v.name, val: wrap(v.val) };
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, wrap(x)]));
}

function xmlChildren(tree: Tree): string {
  return Object.entries(tree)
    .map(([k, v]) => (Array.isArray(v) ? v.map((x) => xmlElement(k, x)).join('') : xmlElement(k, v)))
    .join('');
}

function xmlElement(name: string, v: TreeValue): string {
  if (v === true) return `<${name}/>`;
  if (typeof v === 'string') return `<${name}>${esc(v)}</${name}>`;
  if (Array.isArray(v)) return v.map((x) => xmlElement(name, x)).join('');
  if (isKeyValue(v)) return `<${name} key="${esc(v.k as string)}">${esc(v.v as string)}</${name}>`;
  return `<${name}>${xmlChildren(v)}</${name}>`;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
