import { describe, expect, it } from 'vitest';
import { renderDoc, renderError, type Tree } from '../../../test/fakes/ispmanager/render';
import { dotted, list, parseEnvelope, text, UnreadableBody } from './envelope';

describe('ispmanager envelope (bjson)', () => {
  it('reads a flat document with plain strings and arrays', () => {
    const env = parseEnvelope('{"elem":[{"id":"41","CN":"a.example"},{"id":"42","CN":"b.example"}]}');
    expect(env.ok).toBe(true);
    if (!env.ok) return;
    expect(list(env.doc.elem).map((e) => text(e.id))).toEqual(['41', '42']);
  });

  it('reads the top-level error object, msg as a string or as {"$": …}', () => {
    expect(parseEnvelope('{"error":{"type":"auth","object":"badpassword","msg":"Invalid username or password"}}')).toEqual({
      ok: false,
      error: { type: 'auth', object: 'badpassword', text: 'Invalid username or password' },
    });
    const wrapped = parseEnvelope('{"error":{"type":"missed","msg":{"$":"Object not found","$lang":"en"}}}');
    expect(wrapped).toEqual({ ok: false, error: { type: 'missed', object: '', text: 'Object not found' } });
  });

  it('turns numbers into strings and keeps ok:true', () => {
    const env = parseEnvelope('{"ok":true,"item.id":4100001}');
    expect(env.ok && dotted(env.doc, 'item.id')).toBe('4100001');
  });

  it('reads a dotted field flattened or nested', () => {
    const flat = parseEnvelope('{"model.csr":"C"}');
    const nested = parseEnvelope('{"model":{"csr":"C"}}');
    expect(flat.ok && dotted(flat.doc, 'model.csr')).toBe('C');
    expect(nested.ok && dotted(nested.doc, 'model.csr')).toBe('C');
  });
});

describe('ispmanager envelope (json with doc and $)', () => {
  it('unwraps doc, $ text, $attributes and a one-element list', () => {
    const env = parseEnvelope('{"doc":{"elem":{"id":{"$":"41"},"CN":{"$":"a.example"}},"slist":{"$name":"field_country","val":[{"$key":"182","$":"Russia"}]}}}');
    expect(env.ok).toBe(true);
    if (!env.ok) return;
    expect(list(env.doc.elem)).toEqual([{ id: '41', CN: 'a.example' }]);
    const [slist] = list(env.doc.slist);
    expect(text(slist.name)).toBe('field_country');
    expect(list(slist.val)).toEqual([{ key: '182', $: 'Russia' }]);
    expect(text(list(slist.val)[0])).toBe('Russia');
  });

  it('reads the doc-wrapped error form', () => {
    expect(parseEnvelope('{"doc":{"error":{"$type":"access","$object":"ip","msg":{"$":"denied"}}}}')).toEqual({ ok: false, error: { type: 'access', object: 'ip', text: 'denied' } });
  });

  it('gives the same fields for the fake’s bjson and json renderings of one tree', () => {
    const tree: Tree = { elid: '7', altname: 'a.example b.example', elem: [{ id: '7', CN: 'x.example' }], ok: true };
    const a = parseEnvelope(renderDoc(tree, 'bjson').body);
    const b = parseEnvelope(renderDoc(tree, 'json').body);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(text(b.doc.elid)).toBe(text(a.doc.elid));
    expect(list(b.doc.elem)).toEqual(list(a.doc.elem));
    const err = { type: 'balance', object: 'balance', msg: 'Insufficient funds' };
    expect(parseEnvelope(renderError(err, 'json').body)).toEqual(parseEnvelope(renderError(err, 'bjson').body));
  });
});

describe('ispmanager envelope: bodies that are not the wire format', () => {
  it.each([
    ['an HTML page', '<!DOCTYPE html><html><body>BILLmanager</body></html>'],
    ['a truncated body', '{"pricelist":[{"id":"5001","name":"Sectigo Posi'],
    ['an empty body', ''],
    ['a JSON array', '[1,2]'],
    ['JSON null', 'null'],
  ])('%s is UnreadableBody with an excerpt', (_what, body) => {
    expect(() => parseEnvelope(body)).toThrow(UnreadableBody);
  });
});
