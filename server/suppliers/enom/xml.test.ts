import { describe, expect, it } from 'vitest';
import { EnomXmlError, child, childrenOf, findFirst, parseEnomXml, textAt } from './xml';

// Shaped after Enom's documented CertGetApproverEmail answer: note the node spelled "EMail".
const APPROVERS = `<?xml version="1.0" encoding="utf-8"?>
<interface-response>
<CertGetApproverEMail>
  <Success>True</Success>
  <Approver Type="Domain">
   <ApproverEmail>owner@example.com</ApproverEmail>
  </Approver>
  <Approver Type="Generic">
   <ApproverEmail>admin@example.com</ApproverEmail>
  </Approver>
  <Approver Type="Manual"></Approver>
</CertGetApproverEMail>
<Command>CERTGETAPPROVEREMAIL</Command>
<ErrCount>0</ErrCount>
<IsLockable/>
<Done>true</Done>
</interface-response>`;

describe('Enom XML', () => {
  it('looks nodes up whatever case Enom used', () => {
    const root = parseEnomXml(APPROVERS);
    expect(root.name).toBe('interface-response');
    const payload = child(root, 'CertGetApproverEmail');
    expect(textAt(payload, 'success')).toBe('True');
    expect(childrenOf(payload, 'APPROVER').map((a) => [a.attrs.type, textAt(a, 'ApproverEmail')])).toEqual([
      ['Domain', 'owner@example.com'],
      ['Generic', 'admin@example.com'],
      ['Manual', ''],
    ]);
    expect(textAt(root, 'IsLockable')).toBe('');
    expect(textAt(root, 'NoSuchNode', 'Deeper')).toBe('');
    expect(findFirst(root, 'approveremail')?.text).toBe('owner@example.com');
  });

  it('keeps CDATA verbatim: no entity decoding, inner line breaks kept', () => {
    const root = parseEnomXml('<interface-response><X><![CDATA[ a &amp; <b>\n  c ]]></X><Y>a &amp; b</Y></interface-response>');
    expect(textAt(root, 'x')).toBe('a &amp; <b>\n  c');
    expect(textAt(root, 'y')).toBe('a & b');
  });

  it('keeps values as strings ("0012" stays, True is not a boolean)', () => {
    const root = parseEnomXml('<interface-response><OrderID>0012</OrderID><B>True</B></interface-response>');
    expect(textAt(root, 'orderid')).toBe('0012');
    expect(textAt(root, 'b')).toBe('True');
  });

  it('refuses cut, foreign and empty bodies', () => {
    expect(() => parseEnomXml(APPROVERS.slice(0, APPROVERS.length / 2))).toThrow(EnomXmlError);
    expect(() => parseEnomXml(';URL Interface\r\nErrCount=0\r\nDone=true')).toThrow(EnomXmlError);
    expect(() => parseEnomXml('')).toThrow(EnomXmlError);
  });
});
