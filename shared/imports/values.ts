/**
 * Reading one cell as the type its column expects (pure). Spreadsheets hold dates as dates, as numbers (Excel serial
 * days) or as text in either ISO or Romanian order; months as dates or text; amounts with a comma. Each reader
 * returns the value or a Romanian message naming what it expected.
 */
import { addCalendarDays, dateOfUtcMidnight } from '../platform/calendar.js';
import { matchValue, type AllowedValue } from './columns.js';
import type { Cell } from './workbook.js';

export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const fail = (message: string): Read<never> => ({ ok: false, message });

const pad = (n: number) => String(n).padStart(2, '0');

function validDate(y: number, m: number, d: number): string | undefined {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d || y < 1900 || y > 2100) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** Excel serial day (1900 date system) → date. */
function fromSerial(n: number): string | undefined {
  if (!Number.isFinite(n) || n < 1 || n > 80_000) return undefined;
  return addCalendarDays('1899-12-30', Math.floor(n));
}

/** exceljs gives date cells as Date at 00:00 UTC of the calendar day: the day it names (the calendar says how). */
const fromDate = (d: Date) => dateOfUtcMidnight(d);

export function readText(c: Cell): string | undefined {
  if (c === null) return undefined;
  if (c instanceof Date) return fromDate(c);
  const s = String(c).trim();
  return s === '' ? undefined : s;
}

export function readDate(c: Cell): Read<string> {
  if (c instanceof Date) {
    const d = fromDate(c);
    return d ? ok(d) : fail('Data nu este validă');
  }
  if (typeof c === 'number') {
    const d = fromSerial(c);
    return d ? ok(d) : fail('Data nu este validă');
  }
  const s = readText(c) ?? '';
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) {
    const d = validDate(Number(m[1]), Number(m[2]), Number(m[3]));
    return d ? ok(d) : fail(`Data „${s}” nu există în calendar`);
  }
  m = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(s);
  if (m) {
    const d = validDate(Number(m[3]), Number(m[2]), Number(m[1]));
    return d ? ok(d) : fail(`Data „${s}” nu există în calendar`);
  }
  return fail(`Data „${s}” trebuie să aibă forma AAAA-LL-ZZ sau ZZ.LL.AAAA`);
}

export function readMonth(c: Cell): Read<string> {
  if (c instanceof Date) {
    const d = fromDate(c);
    return d ? ok(d.slice(0, 7)) : fail('Luna nu este validă');
  }
  if (typeof c === 'number') {
    const d = fromSerial(c);
    return d ? ok(d.slice(0, 7)) : fail('Luna nu este validă');
  }
  const s = readText(c) ?? '';
  let m = /^(\d{4})-(\d{1,2})(?:-01)?$/.exec(s);
  if (!m) {
    const r = /^(\d{1,2})[./](\d{4})$/.exec(s);
    if (r) m = [s, r[2]!, r[1]!] as unknown as RegExpExecArray;
  }
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (mo >= 1 && mo <= 12 && y >= 1900 && y <= 2100) return ok(`${y}-${pad(mo)}`);
  }
  return fail(`Luna „${s}” trebuie să aibă forma AAAA-LL`);
}

export function readInt(c: Cell): Read<number> {
  if (c === null) return ok(0);
  const n = typeof c === 'number' ? c : typeof c === 'string' && /^\s*\d+\s*$/.test(c) ? Number(c) : NaN;
  if (!Number.isInteger(n) || n < 0) return fail(`„${String(c)}” nu este un număr întreg pozitiv`);
  return ok(n);
}

/** Lei, with a comma or a point as decimal separator, optionally followed by "lei". */
export function readMoney(c: Cell): Read<number> {
  if (typeof c === 'number') return Number.isFinite(c) ? ok(Math.round(c * 100) / 100) : fail('Suma nu este validă');
  const s = (readText(c) ?? '').replace(/\s*(lei|ron)\s*$/i, '').replace(/\s/g, '');
  if (!/^\d+([.,]\d{1,2})?$/.test(s)) return fail(`Suma „${String(c ?? '')}” nu este validă (de exemplu 400 sau 400,00)`);
  return ok(Number(s.replace(',', '.')));
}

export function readBool(c: Cell, values: readonly AllowedValue[]): Read<boolean | undefined> {
  if (c === null) return ok(undefined);
  if (typeof c === 'boolean') return ok(c);
  const v = matchValue(values, String(c));
  if (v === undefined) return fail(`„${String(c)}”: scrieți da sau nu`);
  return ok(v === 'true');
}

export function readEnum(c: Cell, values: readonly AllowedValue[]): Read<string | undefined> {
  const s = readText(c);
  if (s === undefined) return ok(undefined);
  const v = matchValue(values, s);
  if (v === undefined) return fail(`„${s}” nu este o valoare permisă (${values.map((x) => x.label).slice(0, 12).join(', ')}${values.length > 12 ? ', …' : ''})`);
  return ok(v);
}

/** Items separated by ";" or new lines. */
export function readList(c: Cell): string[] {
  const s = readText(c);
  if (s === undefined) return [];
  return s.split(/[;\n]+/).map((x) => x.trim()).filter(Boolean);
}

export function readEnumList(c: Cell, values: readonly AllowedValue[]): Read<string[]> {
  const items = readList(c);
  const out: string[] = [];
  const bad: string[] = [];
  for (const i of items) {
    const v = matchValue(values, i);
    if (v === undefined) bad.push(i);
    else if (!out.includes(v)) out.push(v);
  }
  if (bad.length) return fail(`Valori nepermise: ${bad.map((b) => `„${b}”`).join(', ')}`);
  return ok(out);
}
