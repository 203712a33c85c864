/**
 * Builds answers the way Enom's interface.asp writes them: an `<interface-response>` envelope
 * (always HTTP 200) with the command payload, Command / APIType / Language / ErrCount /
 * `<errors><ErrN>` / Server / Site / TimeDifference / ExecTime / Done / TrackingKey /
 * RequestDateTime, CDATA for PEM blocks and free text, and Enom's date format.
 *
 * Used by the fake's command handlers and server. Pure string building; nothing throws.
 */
import { createHash } from 'node:crypto';

export const esc = (s: string | number) =>
  String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const cdata = (s: string) => `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

/** `<Name>escaped text</Name>`; an empty value becomes `<Name />` as Enom writes it. */
export const el = (name: string, value: string | number | undefined) =>
  value === undefined || value === '' ? `<${name} />` : `<${name}>${esc(value)}</${name}>`;

/** `<Name><![CDATA[…]]></Name>`. */
export const elc = (name: string, value: string) => `<${name}>${cdata(value)}</${name}>`;

/** Enom indents PEM lines inside CDATA (see CertGetCertDetail's documented example). */
export const indentPem = (pem: string) => pem.trim().split('\n').map((l) => ` ${l}`).join('\n');

/** "12/15/2016 5:13:02 PM" (or the date alone). */
export function enomDate(d: Date, withTime = true): string {
  const date = `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`;
  if (!withTime) return date;
  const h = d.getUTCHours();
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  const ss = String(d.getUTCSeconds()).padStart(2, '0');
  return `${date} ${h % 12 === 0 ? 12 : h % 12}:${mm}:${ss} ${h < 12 ? 'AM' : 'PM'}`;
}

export interface EnvelopeInput {
  command: string;
  /** Already-built XML placed before <Command>. */
  payload?: string;
  errors?: string[];
  /** Six-digit Enom response numbers, written as a <responses> block. */
  responseNumbers?: Array<{ number: string; text: string }>;
  seq: number;
  now: Date;
}

export function envelope(i: EnvelopeInput): string {
  const errors = i.errors ?? [];
  const responses = i.responseNumbers ?? [];
  const tracking = createHash('sha1').update(`enom-fake-${i.seq}`).digest('hex');
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<interface-response>',
    i.payload ?? '',
    el('Command', i.command.toUpperCase()),
    el('APIType', 'API.NET'),
    el('Language', 'eng'),
    el('ErrCount', errors.length),
    errors.length ? `<errors>${errors.map((e, n) => el(`Err${n + 1}`, e)).join('')}</errors>` : '',
    el('ResponseCount', responses.length),
    responses.length ? `<responses>${responses.map((r) => `<response>${el('ResponseNumber', r.number)}${el('ResponseString', r.text)}</response>`).join('')}</responses>` : '',
    el('MinPeriod', 1),
    el('MaxPeriod', 10),
    el('Server', 'FAKEVWAPI01'),
    el('Site', 'eNom'),
    '<IsLockable/>',
    '<IsRealTimeTLD/>',
    el('TimeDifference', '+0.00'),
    el('ExecTime', '0.031'),
    el('Done', 'true'),
    el('TrackingKey', `${tracking.slice(0, 8)}-${tracking.slice(8, 12)}-${tracking.slice(12, 16)}-${tracking.slice(16, 20)}-${tracking.slice(20, 32)}`),
    el('RequestDateTime', enomDate(i.now)),
    '</interface-response>',
  ].join('\n');
}
