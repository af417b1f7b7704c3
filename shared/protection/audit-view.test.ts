import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { auditCsv, decodeCursor, encodeCursor, institutionPartition } from './audit-view.js';
import type { AuditEntry } from './audit-store.js';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
};

describe('audit page cursor', () => {
  it('round-trips a key of the partition being read', () => {
    const key = { pk: 'CASE#A', sk: '2026-06-01T00:00:00Z#X', gsi1pk: institutionPartition('DAS', '2026-06'), gsi1sk: '2026-06-01T00:00:00Z#X' };
    expect(decodeCursor(encodeCursor(key)!, 'gsi1pk', 'INST#DAS#2026-06')).toEqual(key);
    expect(encodeCursor(undefined)).toBeNull();
  });

  it('refuses a cursor crafted to read another institution or case', () => {
    const other = encodeCursor({ pk: 'CASE#A', sk: 's', gsi1pk: 'INST#DGASPC#2026-06', gsi1sk: 's' })!;
    expect(code(() => decodeCursor(other, 'gsi1pk', 'INST#DAS#2026-06'))).toBe('INVALID_CURSOR');
    expect(code(() => decodeCursor(encodeCursor({ pk: 'CASE#B', sk: 's' })!, 'pk', 'CASE#A'))).toBe('INVALID_CURSOR');
  });

  it('refuses malformed cursors without throwing anything else (property)', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.base64String(), fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v)).toString('base64url'))), (s) => {
      const c = code(() => decodeCursor(s, 'pk', 'CASE#A'));
      expect(c === 'INVALID_CURSOR' || (s === '' && c === undefined)).toBe(true);
    }), { numRuns: 300 });
  });
});

describe('audit CSV', () => {
  it('lists who, when, what and from where, and disarms spreadsheet formulas', () => {
    const e: AuditEntry = {
      auditId: '01', at: '2026-06-01T10:00:00.000Z', actorId: '=HYPERLINK("x")', actorRoles: ['coordinator'], actorInstitution: 'DAS',
      action: 'case.read', subjectType: 'case', subjectId: 'C1', subjectInstitution: 'DAS', outcome: 'denied', sourceIp: '10.0.0.1', requestId: 'r1',
    };
    const csv = auditCsv([e]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('case.read;case;C1;DAS;refuzat;10.0.0.1;r1');
    expect(csv).toContain(`'=HYPERLINK`);
  });
});
