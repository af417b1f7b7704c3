/**
 * Reading the audit log (queries only; the audit table has no update or delete path anywhere in Vatra): one
 * institution's month, or one case, newest first, a page at a time. The page cursor is the DynamoDB key of the last
 * entry, and it is checked against the partition asked for, so a crafted cursor cannot reach another institution.
 */
import { toCsv } from '../platform/files/csv.js';
import { invalid } from '../platform/errors.js';
import { AuditLog, type AuditEntry } from './audit-store.js';
import type { Db } from '../platform/db/db.js';

export interface AuditPage {
  items: AuditEntry[];
  nextCursor: string | null;
}

type Key = Record<string, string>;

const keyNames = ['pk', 'sk', 'gsi1pk', 'gsi1sk'];

export function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : null;
}

const badCursor = () => invalid('INVALID_CURSOR', 'Cursorul de paginare nu este valid. Reîncărcați lista de la început.', [{ path: 'query.cursor', message: 'Cursor invalid', code: 'INVALID_CURSOR' }]);

/** Decode a cursor and require it to belong to the partition being read (`field` = `value`). */
export function decodeCursor(cursor: string | undefined, field: 'pk' | 'gsi1pk', value: string): Key | undefined {
  if (!cursor) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw badCursor();
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (entries.length === 0 || entries.some(([k, v]) => !keyNames.includes(k) || typeof v !== 'string' || v.length > 300)) throw badCursor();
  const key = Object.fromEntries(entries) as Key;
  if (key[field] !== value || !key.pk || !key.sk) throw badCursor();
  return key;
}

export const institutionPartition = (institution: string, month: string) => `INST#${institution}#${month}`;
export const casePartition = (caseId: string) => `CASE#${caseId}`;

async function page(db: Db, input: { index?: 'gsi1'; field: 'pk' | 'gsi1pk'; value: string; limit: number; cursor?: string | undefined }): Promise<AuditPage> {
  const { index, field, value, limit } = input;
  const res = await new AuditLog(db).page({ ...(index ? { index } : {}), field, value, limit, startKey: decodeCursor(input.cursor, field, value) });
  return { items: res.items, nextCursor: encodeCursor(res.lastKey) };
}

/** An institution's audit log for one month (YYYY-MM). */
export const institutionAudit = (db: Db, institution: string, month: string, limit: number, cursor?: string) =>
  page(db, { index: 'gsi1', field: 'gsi1pk', value: institutionPartition(institution, month), limit, cursor });

/** Every audit entry about one case. */
export const caseAudit = (db: Db, caseId: string, limit: number, cursor?: string) =>
  page(db, { field: 'pk', value: casePartition(caseId), limit, cursor });

/** A whole month for an export, bounded. */
export async function institutionAuditAll(db: Db, institution: string, month: string, max = 20_000): Promise<{ items: AuditEntry[]; truncated: boolean }> {
  const items: AuditEntry[] = [];
  let cursor: string | undefined;
  do {
    const p = await institutionAudit(db, institution, month, 1000, cursor);
    items.push(...p.items);
    cursor = p.nextCursor ?? undefined;
  } while (cursor && items.length < max);
  return { items: items.slice(0, max), truncated: !!cursor || items.length > max };
}

const header = ['Data și ora (UTC)', 'Utilizator', 'Roluri', 'Instituția utilizatorului', 'Acțiune', 'Tip subiect', 'Subiect', 'Instituția subiectului', 'Rezultat', 'IP', 'Cerere'];

/** CSV (Excel-friendly: BOM, `;`) of audit entries; details stay out (they may hold case ids lists). A cell a
 * spreadsheet would run as a formula gets a leading apostrophe. */
export function auditCsv(items: readonly AuditEntry[]): string {
  const rows = items.map((e) => [e.at, e.actorId, e.actorRoles.join(' '), e.actorInstitution, e.action, e.subjectType, e.subjectId, e.subjectInstitution, e.outcome === 'allowed' ? 'permis' : 'refuzat', e.sourceIp ?? '', e.requestId ?? ''].map(String));
  return toCsv([header, ...rows], { guardFormulas: true });
}
