/**
 * Reads Enom's XML answers into a small case-insensitive tree. Enom varies the case of node
 * names between commands (`CertGetApproverEMail` vs `CertGetApproverEmail`, `errors` vs
 * `Errors`), so every element and attribute name is lower-cased here and callers look nodes
 * up by lower-case name. CDATA content (certificates, CSRs, contact fields) is kept verbatim.
 *
 * Called by client.ts (envelope) and api.ts (payloads). `parseEnomXml` throws EnomXmlError when
 * the text is not well-formed XML — a cut or foreign body; the client turns that into a
 * transient SupplierError.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export class EnomXmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnomXmlError';
  }
}

export interface XmlNode {
  /** Lower-case element name. */
  name: string;
  /** Text content (CDATA included), trimmed; '' for elements with only children. */
  text: string;
  /** Attributes by lower-case name. */
  attrs: Record<string, string>;
  /** Child elements by lower-case name, in document order. */
  children: Map<string, XmlNode[]>;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // Keep every value a string: "0012" must stay "0012", "True" must not become a boolean.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
});

/** The document's root element. */
export function parseEnomXml(text: string): XmlNode {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new EnomXmlError(`not well-formed XML (${valid.err.msg} at line ${valid.err.line})`);
  const doc = parser.parse(text) as Record<string, unknown>;
  const roots = Object.entries(doc).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => toNode(name, v)));
  if (roots.length !== 1) throw new EnomXmlError(`expected one root element, found ${roots.length}`);
  return roots[0];
}

function toNode(name: string, value: unknown): XmlNode {
  const node: XmlNode = { name: name.toLowerCase(), text: '', attrs: {}, children: new Map() };
  if (value === null || value === undefined) return node;
  if (typeof value !== 'object') {
    node.text = String(value).trim();
    return node;
  }
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (key === '#text') node.text = String(v).trim();
    else if (key.startsWith('@')) node.attrs[key.slice(1).toLowerCase()] = String(v);
    else {
      const lower = key.toLowerCase();
      const list = node.children.get(lower) ?? [];
      for (const item of Array.isArray(v) ? v : [v]) list.push(toNode(key, item));
      node.children.set(lower, list);
    }
  }
  return node;
}

/** Children named `name` (any case) of `node`. */
export function childrenOf(node: XmlNode | undefined, name: string): XmlNode[] {
  return node?.children.get(name.toLowerCase()) ?? [];
}

/** The first element along a path of names, e.g. child(root, 'CertGetCerts', 'Certs'). */
export function child(node: XmlNode | undefined, ...path: string[]): XmlNode | undefined {
  let at = node;
  for (const name of path) at = childrenOf(at, name)[0];
  return at;
}

/** Text of the element along `path`; '' when it is missing or empty. */
export function textAt(node: XmlNode | undefined, ...path: string[]): string {
  return child(node, ...path)?.text ?? '';
}

/** Depth-first search for the first element named `name` anywhere under `node`. */
export function findFirst(node: XmlNode | undefined, name: string): XmlNode | undefined {
  if (!node) return undefined;
  const lower = name.toLowerCase();
  const direct = node.children.get(lower)?.[0];
  if (direct) return direct;
  for (const list of node.children.values()) {
    for (const c of list) {
      const hit = findFirst(c, lower);
      if (hit) return hit;
    }
  }
  return undefined;
}
