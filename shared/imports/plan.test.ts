import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { subsidyConfig } from '../subsidies/index.js';
import { sheets, type SheetId } from './columns.js';
import type { RowReport } from './model.js';
import type { ImportContext } from './model.js';
import { importKeyOf, lookupsFor } from './parse.js';
import { fingerprintOf, planImport, transactItemCount } from './plan.js';
import type { Cell, ParsedWorkbook } from './workbook.js';
import { syntheticCaseload, toSheetRows, type SheetRows, type SyntheticCase } from '../../test/support/import.js';
import { syntheticCnp } from '../platform/ro/cnp.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const RUN_MONTH = '2026-10';

function wbOf(rows: SheetRows): ParsedWorkbook {
  const out = { children: [], plans: [], enrolments: [], participation: [], payments: [] } as ParsedWorkbook['rows'];
  for (const s of sheets) {
    (rows[s.id] ?? []).forEach((r, i) => {
      const cells: Record<string, Cell> = {};
      for (const c of s.columns) cells[c.key] = r[c.key] === undefined || r[c.key] === '' ? null : (r[c.key] as Cell);
      out[s.id].push({ sheet: s.id, row: i + 2, cells });
    });
  }
  return { rows: out, errors: [], warnings: [] };
}

function ctx(over: Partial<ImportContext> = {}): ImportContext {
  return {
    now: NOW,
    by: 'operator',
    caseManagers: [
      { userId: 'u-das', username: 'manager.das', email: 'manager.das@vatra.local', institution: 'DAS' },
      { userId: 'u-dgaspc', username: 'manager.dgaspc', institution: 'DGASPC' },
    ],
    existingImports: new Map(),
    identityHits: new Map(),
    cohortCounts: {},
    placesTaken: new Map(),
    ...over,
  };
}

const caseload = (count = 266) => syntheticCaseload({ now: NOW, runMonth: RUN_MONTH, prefix: 'T', managers: { DAS: 'manager.das', DGASPC: 'manager.dgaspc' }, count });
const plan = (cases: SyntheticCase[] | SheetRows, c: ImportContext = ctx()) => planImport(wbOf(Array.isArray(cases) ? toSheetRows(cases) : cases), c);
const rowsOfSheet = (rows: RowReport[], sheet: SheetId) => rows.filter((r) => r.sheet === sheet);
const reasonCodes = (r: RowReport | undefined) => r?.reasons.map((x) => x.code) ?? [];

/** Change one case's records before planning. */
function withCase(cases: SyntheticCase[], i: number, f: (c: SyntheticCase) => void): SyntheticCase[] {
  const copy = structuredClone(cases);
  f(copy[i]!);
  return copy;
}

describe('planImport — the whole target group', () => {
  it('accepts the synthetic caseload of 266 children with all their records', () => {
    const cases = caseload();
    const p = plan(cases);
    expect(p.outcomes).toHaveLength(266);
    expect(p.outcomes.filter((o) => o.status !== 'accepted').map((o) => [o.childCode, o.reasons])).toEqual([]);
    expect(p.cases).toHaveLength(266);
    expect(p.rows.every((r) => r.status === 'accepted')).toBe(true);
    expect(p.cases.filter((c) => c.track === 'reintegration')).toHaveLength(14);
    expect(p.cases.filter((c) => c.child.ethnicity === 'roma')).toHaveLength(27);
    const paid = p.cases.reduce((n, c) => n + c.payments.length, 0);
    expect(paid).toBe(cases.reduce((n, c) => n + c.facts.importedMonths.length, 0));
    for (const c of p.cases) expect(transactItemCount(c)).toBeLessThanOrEqual(100);
  });

  it('gives every case in services a plan with its cohort and an active enrolment in a group with room', () => {
    const p = plan(caseload());
    const inServices = p.cases.filter((c) => c.stage === 'services' || c.stage === 'monitoring');
    expect(inServices.length).toBeGreaterThan(200);
    for (const c of inServices) {
      expect(c.plan?.plan.status).toBe('approved');
      expect(c.cohort).toBe(c.plan?.plan.cohort);
      const active = c.enrolments.filter((e) => e.status === 'active');
      expect(active).toHaveLength(1);
      expect(active[0]!.groupId).not.toBe('');
    }
  });
});

describe('planImport — rows that must be rejected', () => {
  const base = caseload(40);
  const cases: [string, (c: SyntheticCase) => void, SheetId, string, string | undefined][] = [
    ['a CNP with a wrong check digit', (c) => { c.child.cnp = String(c.child.cnp).slice(0, 12) + String((Number(String(c.child.cnp).at(-1)) + 1) % 10); }, 'children', 'INVALID', 'CNP'],
    ['a birth date that does not exist', (c) => { c.child.birthDate = '2015-02-30'; }, 'children', 'CELL_INVALID', 'Data nașterii'],
    ['a CNP of another birth date', (c) => { c.child.cnp = syntheticCnp('2012-12-12', c.child.sex as 'M', 777); }, 'children', 'CNP_BIRTH_DATE_MISMATCH', 'Data nașterii'],
    ['an invalid IBAN', (c) => { c.child.iban = 'RO49AAAA1B31007593840001'; }, 'children', 'INVALID', 'IBAN reprezentant'],
    ['a prevention child living outside Timișoara', (c) => { c.child.residenceCity = 'Arad'; }, 'children', 'NOT_IN_TARGET_GROUP_RESIDENCE', 'Localitatea de domiciliu'],
    ['an unknown case manager', (c) => { c.child.caseManager = 'nimeni'; }, 'children', 'CASE_MANAGER_UNKNOWN', 'Manager de caz'],
    ['a case in services without consent for services', (c) => { c.child.consentPurposes = 'subvenție'; }, 'children', 'CONSENT_REQUIRED', 'Scopurile acordului'],
    ['a case in services without a plan', (c) => { delete c.plan; c.payments = []; }, 'children', 'PLAN_REQUIRED', 'Etapa'],
    ['an unknown service in the plan', (c) => { c.plan!.services = 'cz-inexistent'; }, 'plans', 'CELL_INVALID', 'Servicii'],
    ['a review date past the legal maximum', (c) => { c.plan!.reviewDate = '2027-06-30'; }, 'plans', 'REVIEW_TOO_LATE', 'Data următoarei revizuiri'],
    ['a group that the service does not have', (c) => { c.enrolments[0]!.group = 'g9'; }, 'enrolments', 'GROUP_UNKNOWN', 'Grupa'],
    ['an enrolment before the project', (c) => { c.enrolments[0]!.from = '2025-02-20'; }, 'enrolments', 'BEFORE_PROJECT', 'Data înscrierii'],
    ['participation days that do not add up', (c) => { c.participation[0]!.scheduledDays = 99; }, 'participation', 'PARTICIPATION_INVALID', undefined],
    ['participation in a service the child was not enrolled in', (c) => { c.participation[0]!.service = 'cz-kuncz'; }, 'participation', 'NOT_ENROLLED_IN_MONTH', 'Serviciu'],
    ['a paid month outside the project period', (c) => { c.payments[0]!.month = '2025-02'; }, 'payments', 'OUTSIDE_PROJECT_PERIOD', 'Luna'],
    ['a paid month that has not ended', (c) => { c.payments[0]!.month = '2026-11'; }, 'payments', 'MONTH_NOT_ENDED', 'Luna'],
    ['a paid amount other than the configured one', (c) => { c.payments[0]!.amount = 350; }, 'payments', 'AMOUNT_MISMATCH', 'Suma (lei)'],
    ['a month paid twice', (c) => { c.payments.push({ ...c.payments[0]!, reference: 'OP-DUBLU-1' }); }, 'payments', 'ALREADY_PAID_IN_FILE', 'Luna'],
  ];
  it.each(cases)('rejects %s, naming the row and the column', (_what, change, sheet, code, column) => {
    const i = 1; // a prevention child in services (cz-sf-nicolae) with payments and participation
    expect(base[i]!.stage).toBe('services');
    const p = plan(withCase(base, i, change));
    const code1 = base[i]!.code;
    const own = p.rows.filter((r) => r.childCode === code1);
    const bad = own.filter((r) => r.sheet === sheet && r.reasons.some((x) => x.code === code));
    expect(bad.length, JSON.stringify(own.map((r) => [r.sheet, r.row, r.reasons]))).toBeGreaterThan(0);
    if (column) expect(bad[0]!.reasons.find((x) => x.code === code)!.column).toBe(column);
    expect(bad[0]!.reasons.every((x) => x.message.length > 5)).toBe(true);
    // the case goes whole or not at all: every row of it is rejected, the others point at the bad one
    expect(own.every((r) => r.status === 'rejected')).toBe(true);
    for (const r of own.filter((x) => x.reasons.every((y) => y.code === 'CASE_REJECTED'))) {
      expect(r.reasons[0]!.message).toContain(`rândul ${bad[0]!.row}`);
    }
    expect(p.outcomes.find((o) => o.childCode === code1)!.status).toBe('rejected');
    // every other child is untouched
    expect(p.cases).toHaveLength(39);
  });

  it('rejects the second occurrence of a child in the file, not the first', () => {
    const cases = withCase(caseload(10), 3, (c) => {
      c.child.firstName = caseload(10)[1]!.child.firstName;
      c.child.birthDate = caseload(10)[1]!.child.birthDate;
      c.child.cnp = null;
    });
    const p = plan(cases);
    expect(p.outcomes.find((o) => o.childCode === cases[1]!.code)!.status).toBe('accepted');
    const dup = p.rows.find((r) => r.sheet === 'children' && r.childCode === cases[3]!.code)!;
    expect(reasonCodes(dup)).toContain('DUPLICATE_IN_FILE');
    expect(dup.reasons[0]!.message).toContain('rândul 3');
  });

  it('rejects a second row with the same child code and rows whose code has no child', () => {
    const cases = caseload(3);
    const rows = toSheetRows(cases);
    rows.children!.push({ ...rows.children![0]!, firstName: 'Alt Copil' });
    rows.payments!.push({ ...rows.payments![0]!, code: 'NU-EXISTA' });
    const p = plan(rows);
    expect(reasonCodes(rowsOfSheet(p.rows, 'children').at(-1))).toContain('DUPLICATE_CODE');
    const orphan = rowsOfSheet(p.rows, 'payments').at(-1)!;
    expect(orphan.status).toBe('rejected');
    expect(reasonCodes(orphan)).toEqual(['UNKNOWN_CHILD_CODE']);
  });

  it('ignores the template example rows', () => {
    const rows = toSheetRows(caseload(2));
    rows.children!.unshift({ code: 'EXEMPLU-1', firstName: 'Ionela' });
    rows.payments!.unshift({ code: 'exemplu-1', month: '2025-05', amount: 400 });
    const p = plan(rows);
    const ignored = p.rows.filter((r) => r.status === 'ignored');
    expect(ignored.map((r) => r.sheet).sort()).toEqual(['children', 'payments']);
    expect(p.cases).toHaveLength(2);
  });

  it('refuses a case the coordinator\'s institution does not own, and shares with GAL what GAL imports', () => {
    const cases = caseload(20);
    const dgaspc = plan(cases, ctx({ importerInstitution: 'DGASPC' }));
    const prevention = dgaspc.rows.filter((r) => r.sheet === 'children' && r.reasons.some((x) => x.code === 'INSTITUTION_NOT_ALLOWED'));
    expect(prevention.length).toBe(cases.filter((c) => c.track === 'prevention').length);
    expect(dgaspc.cases.every((c) => c.institution === 'DGASPC')).toBe(true);
    const gal = plan(cases, ctx({ importerInstitution: 'GAL' }));
    expect(gal.cases).toHaveLength(20);
    expect(gal.cases.every((c) => c.sharedWith.includes('GAL'))).toBe(true);
  });
});

describe('planImport — against what Vatra holds', () => {
  it('recognises a case imported before: the same content is left alone, different content is refused', () => {
    const cases = caseload(6);
    const first = plan(cases);
    const d = first.cases[2]!;
    const same = plan(cases, ctx({ existingImports: new Map([[d.importKey, { caseId: 'C1', caseNumber: 'VT-2025-00001', fingerprint: d.fingerprint }]]) }));
    const own = same.rows.filter((r) => r.childCode === d.childCode);
    expect(own.every((r) => r.status === 'already_imported' && r.caseNumber === 'VT-2025-00001')).toBe(true);
    expect(same.cases.map((c) => c.childCode)).not.toContain(d.childCode);
    const changed = plan(withCase(cases, 2, (c) => { c.child.repPhone = '0722000111'; }), ctx({ existingImports: new Map([[d.importKey, { caseId: 'C1', caseNumber: 'VT-2025-00001', fingerprint: d.fingerprint }]]) }));
    expect(reasonCodes(changed.rows.find((r) => r.sheet === 'children' && r.childCode === d.childCode))).toContain('ALREADY_IMPORTED_CHANGED');
  });

  it('refuses a child that already has an open case, except to import a closed case', () => {
    const cases = caseload(40);
    const open = cases.find((c) => c.stage === 'services')!;
    const closed = cases.find((c) => c.stage === 'closed')!;
    const keys = lookupsFor(wbOf(toSheetRows([open, closed]))).identityKeys;
    const hits = new Map(keys.map((k) => [k, { caseId: 'X', caseNumber: 'VT-2026-00042', institution: 'DAS', sharedWith: [] }]));
    const p = plan(cases, ctx({ identityHits: hits, importerInstitution: 'DAS' }));
    const row = p.rows.find((r) => r.sheet === 'children' && r.childCode === open.code)!;
    expect(reasonCodes(row)).toContain('DUPLICATE_CHILD');
    expect(row.reasons[0]!.message).toContain('VT-2026-00042');
    expect(p.outcomes.find((o) => o.childCode === closed.code)!.status).toBe('accepted');
    // another institution's coordinator learns whom to call, never the other institution's case number
    const other = plan(cases, ctx({ identityHits: hits, importerInstitution: 'GAL' }));
    const otherRow = other.rows.find((r) => r.sheet === 'children' && r.childCode === open.code)!;
    expect(reasonCodes(otherRow)).toContain('DUPLICATE_CHILD');
    expect(otherRow.reasons[0]!.message).not.toContain('VT-2026-00042');
    expect(otherRow.reasons[0]!.message).toContain('la DAS');
  });

  it('fills a cohort up to its quota and refuses the rest, pointing at the other cohort', () => {
    const cases = caseload(30).filter((c) => c.cohort === '18m').slice(0, 4);
    const quota = subsidyConfig.cohorts.find((c) => c.id === '18m')!.quota;
    const p = plan(cases, ctx({ cohortCounts: { '18m': quota - 2, '12m': 10 } }));
    expect(p.cases).toHaveLength(2);
    const refused = p.rows.filter((r) => r.sheet === 'plans' && r.reasons.some((x) => x.code === 'COHORT_QUOTA_FULL'));
    expect(refused).toHaveLength(2);
    expect(refused[0]!.reasons[0]!.message).toMatch(/cohorta de 12 luni/);
  });

  it('takes places in the named group or the first group with room, and refuses a full service', () => {
    const cases = caseload(6).filter((c) => c.serviceId === 'cz-sf-nicolae' && c.stage === 'services');
    expect(cases.length).toBeGreaterThanOrEqual(3);
    const p = plan(cases, ctx({ placesTaken: new Map([['cz-sf-nicolae#g1', 20], ['cz-sf-nicolae#g2', 19]]) }));
    expect(p.cases[0]!.enrolments[0]!.groupId).toBe('g2');
    expect(p.cases[1]!.enrolments[0]!.groupId).toBe('g3');
    const full = plan(cases, ctx({ placesTaken: new Map([['cz-sf-nicolae#g1', 20], ['cz-sf-nicolae#g2', 20], ['cz-sf-nicolae#g3', 20]]) }));
    expect(full.cases).toHaveLength(0);
    expect(full.rows.filter((r) => r.sheet === 'enrolments').every((r) => r.reasons.some((x) => x.code === 'SERVICE_AT_CAPACITY'))).toBe(true);
  });

  it('refuses a case that does not fit in one transaction', () => {
    const months: string[] = [];
    for (let m = '2025-04'; m <= '2026-10'; m = m.endsWith('-12') ? `${Number(m.slice(0, 4)) + 1}-01` : `${m.slice(0, 5)}${String(Number(m.slice(5)) + 1).padStart(2, '0')}`) months.push(m);
    const cases = withCase(caseload(2), 1, (c) => {
      for (const service of ['int-a', 'cz-kuncz', 'cr-podu-lung']) {
        c.enrolments.push({ code: c.code, service, from: '2025-04-01', to: '2026-10-31' });
        for (const month of months) c.participation.push({ code: c.code, month, service, sessions: 3 });
      }
      for (const month of months.filter((m) => m < '2026-09')) c.participation.push({ code: c.code, month, service: 'cz-sf-nicolae', presentDays: 10 });
    });
    const p = plan(cases);
    const child = p.rows.find((r) => r.sheet === 'children' && r.childCode === cases[1]!.code)!;
    expect(reasonCodes(child), JSON.stringify(p.rows.filter((r) => r.reasons.length).slice(0, 5))).toEqual(['CASE_TOO_LARGE']);
    expect(child.reasons[0]!.message).toMatch(/\(\d+ > 100\)/);
    expect(p.cases.map((c) => c.childCode)).toEqual([cases[0]!.code]);
  });
});

describe('planImport — properties', () => {
  const all = caseload(60);
  const corruptions: ((c: SyntheticCase) => void)[] = [
    (c) => { c.child.birthDate = 'ieri'; },
    (c) => { if (c.payments[0]) c.payments[0].amount = 1; else c.child.caseManager = 'x'; },
    (c) => { c.child.iban = 'RO00'; },
    (c) => { if (c.plan) c.plan.cohort = '24 luni'; else c.child.source = 'radio'; },
    (c) => { if (c.enrolments[0]) c.enrolments[0].from = '2031-01-01'; else c.child.referralDate = '2030-01-01'; },
  ];
  const arb = fc.record({
    picked: fc.subarray(all.map((_, i) => i), { minLength: 1 }),
    broken: fc.array(fc.tuple(fc.nat(59), fc.nat(corruptions.length - 1)), { maxLength: 8 }),
    seed: fc.nat(),
  });

  it('reports every row once, and takes a case only when all of its rows are acceptable', () => {
    fc.assert(fc.property(arb, ({ picked, broken }) => {
      let cases = picked.map((i) => all[i]!);
      for (const [i, k] of broken) if (i < cases.length) cases = withCase(cases, i, corruptions[k]!);
      const rows = toSheetRows(cases);
      const p = plan(rows);
      const total = Object.values(rows).reduce((n, r) => n + (r?.length ?? 0), 0);
      expect(p.rows).toHaveLength(total);
      for (const o of p.outcomes) {
        const own = p.rows.filter((r) => r.childCode === o.childCode);
        if (o.status === 'accepted') expect(own.every((r) => r.status === 'accepted' && r.reasons.length === 0)).toBe(true);
        else expect(own.every((r) => r.status === 'rejected' && r.reasons.length > 0)).toBe(true);
      }
      expect(p.cases.map((c) => c.childCode).sort()).toEqual(p.outcomes.filter((o) => o.status === 'accepted').map((o) => o.childCode).sort());
    }), { numRuns: 25 });
  });

  it('is idempotent: planning again with the cases written leaves nothing to write', () => {
    fc.assert(fc.property(arb, ({ picked, broken }) => {
      let cases = picked.map((i) => all[i]!);
      for (const [i, k] of broken) if (i < cases.length) cases = withCase(cases, i, corruptions[k]!);
      const first = plan(cases);
      const written = new Map(first.cases.map((c, n) => [c.importKey, { caseId: `C${n}`, caseNumber: `VT-2025-${String(n).padStart(5, '0')}`, fingerprint: c.fingerprint }]));
      const counts: Record<string, number> = {};
      for (const c of first.cases) if (c.cohort) counts[c.cohort] = (counts[c.cohort] ?? 0) + 1;
      const again = plan(cases, ctx({ existingImports: written, cohortCounts: counts }));
      expect(again.cases).toHaveLength(0);
      expect(again.outcomes.filter((o) => o.status === 'already_imported')).toHaveLength(first.cases.length);
    }), { numRuns: 20 });
  });

  it('never fills a cohort beyond its quota', () => {
    const quota = (id: string) => subsidyConfig.cohorts.find((c) => c.id === id)!.quota;
    fc.assert(fc.property(fc.integer({ min: 0, max: quota('18m') }), fc.integer({ min: 0, max: quota('12m') }), (had18, had12) => {
      const p = plan(all, ctx({ cohortCounts: { '18m': had18, '12m': had12 } }));
      const got = (id: string) => p.cases.filter((c) => c.cohort === id).length;
      expect(had18 + got('18m')).toBeLessThanOrEqual(quota('18m'));
      expect(had12 + got('12m')).toBeLessThanOrEqual(quota('12m'));
      // and refuses only when the cohort is full
      const refused = p.rows.filter((r) => r.reasons.some((x) => x.code === 'COHORT_QUOTA_FULL')).length;
      if (refused > 0) expect(had18 + got('18m') === quota('18m') || had12 + got('12m') === quota('12m')).toBe(true);
    }), { numRuns: 15 });
  });

  it('gives the same fingerprint whatever the order of the rows', () => {
    fc.assert(fc.property(fc.nat(59), fc.nat(), (i, seed) => {
      const c = all[i]!;
      const rows = toSheetRows([c]);
      const shuffled: SheetRows = Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, [...(v ?? [])].sort(() => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return (seed % 3) - 1;
      })]));
      const a = plan(rows).cases[0];
      const b = plan(shuffled).cases[0];
      if (!a) return;
      expect(b?.fingerprint).toBe(a.fingerprint);
      expect(fingerprintOf(a)).toBe(a.fingerprint);
    }), { numRuns: 30 });
  });
});

describe('lookupsFor', () => {
  it('lists the import key and identity keys of each child', () => {
    const cases = caseload(3);
    const l = lookupsFor(wbOf(toSheetRows(cases)));
    expect(l.importKeys).toEqual(cases.map((c) => importKeyOf(c.track === 'prevention' ? 'DAS' : 'DGASPC', c.code)));
    expect(l.identityKeys.filter((k) => k.startsWith('cnp#'))).toHaveLength(3);
    expect(l.identityKeys.filter((k) => k.startsWith('nbd#'))).toHaveLength(3);
  });
});


describe('planImport — warnings that do not stop a case', () => {
  it('imports a case in services without enrolments or with an overdue review, and says what follows', () => {
    const cases = withCase(caseload(3), 1, (c) => {
      c.enrolments = [];
      c.participation = [];
      c.plan!.reviewDate = '2026-11-01';
    });
    const p = plan(cases);
    expect(p.cases).toHaveLength(3);
    const child = p.rows.find((r) => r.sheet === 'children' && r.childCode === cases[1]!.code)!;
    expect(child.warnings.map((w) => w.code)).toEqual(['NO_ACTIVE_ENROLMENT']);
    const planRow = p.rows.find((r) => r.sheet === 'plans' && r.childCode === cases[1]!.code)!;
    expect(planRow.warnings[0]).toMatchObject({ code: 'REVIEW_OVERDUE', column: 'Data următoarei revizuiri' });
  });
});

describe('planImport — one message per cell', () => {
  it('says once that a required cell is empty', () => {
    const cases = withCase(caseload(2), 1, (c) => {
      c.child.firstName = null;
      c.child.riskFactors = null;
      c.plan!.objectives = null;
      c.plan!.cohort = null;
    });
    const p = plan(cases);
    const child = p.rows.find((r) => r.sheet === 'children' && r.childCode === cases[1]!.code)!;
    expect(child.reasons.filter((r) => r.column === 'Prenume copil')).toEqual([{ code: 'REQUIRED', message: 'Completați coloana „Prenume copil”', column: 'Prenume copil' }]);
    expect(child.reasons.filter((r) => r.column === 'Factori de risc')).toHaveLength(1);
    const planRow = p.rows.find((r) => r.sheet === 'plans' && r.childCode === cases[1]!.code)!;
    expect(planRow.reasons.filter((r) => r.column === 'Obiective')).toHaveLength(1);
    expect(planRow.reasons.filter((r) => r.column === 'Cohorta')).toHaveLength(1);
  });
});
