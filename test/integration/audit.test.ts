/**
 * The audit log on the live runtime: every read and write of a case leaves an entry (who, when, what, from where,
 * allowed or denied); personal-data exports too; coordinators read their own institution's log and nobody else's;
 * reading the log is itself audited; and no route, role or store method can change or delete an entry.
 */
import { beforeAll, describe, expect, it, inject } from 'vitest';
import { routes, type RouteDef } from '../../shared/manifest/routes.js';
import { functions } from '../../shared/manifest/functions.js';
import { AuditLog } from '../../shared/protection/audit-store.js';
import { Api } from '../support/api.js';
import { isoDay, testClock } from '../support/fixtures.js';
import { currentMonth } from '../../shared/platform/calendar.js';
import { auditOf, documentClient, prepareCase, whoIs, type PreparedCase } from '../support/security.js';

const urls = inject('urls');
const api = new Api(urls);
const doc = documentClient(urls);

interface Entry { action: string; actorId: string; outcome: string; at: string; sourceIp?: string; userAgent?: string; requestId?: string; subjectId: string; subjectInstitution: string; actorRoles: string[] }

let c: PreparedCase;
let managerId: string;
let strangerId: string;
const month = () => currentMonth(testClock());

beforeAll(async () => {
  c = await prepareCase(api, { services: ['cz-sf-nicolae'] });
  managerId = (await whoIs(api, 'manager.das')).userId;
  strangerId = (await whoIs(api, 'manager.dgaspc')).userId;
});

const caseLog = async (as = 'coord.das', query = '') => api.get(`/cases/${c.caseId}/audit${query}`, as);

describe('what is audited', () => {
  it('a read of a case: who, when, what, from where', async () => {
    const before = Date.now();
    expect((await api.get(`/cases/${c.caseId}`, 'manager.das')).status).toBe(200);
    const entries = (await auditOf(doc, 'case', c.caseId)) as unknown as Entry[];
    const read = entries.filter((e) => e.action === 'case.read' && e.actorId === managerId && Date.parse(e.at) >= before - 1000);
    expect(read.length).toBeGreaterThanOrEqual(1);
    expect(read[0]).toMatchObject({ outcome: 'allowed', subjectInstitution: 'DAS', actorRoles: ['case_manager'] });
    expect(read[0]!.sourceIp).toMatch(/127\.0\.0\.1|::1|::ffff:127\.0\.0\.1/);
    expect(read[0]!.userAgent).toBeTruthy();
    expect(read[0]!.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a refused read, as refused', async () => {
    expect((await api.get(`/cases/${c.caseId}`, 'manager.dgaspc')).status).toBe(404);
    const entries = (await auditOf(doc, 'case', c.caseId)) as unknown as Entry[];
    expect(entries.some((e) => e.action === 'case.read' && e.actorId === strangerId && e.outcome === 'denied')).toBe(true);
  });

  it('writes (a consent withdrawal, an identity document) and personal-data exports', async () => {
    const v = (await api.get(`/cases/${c.caseId}/consent`, 'manager.das')).body.version as number;
    expect((await api.post(`/cases/${c.caseId}/consent/withdrawals`, 'manager.das', { expectedVersion: v, purposes: ['subsidy'], date: isoDay(0) })).status).toBe(201);
    expect((await api.post(`/cases/${c.caseId}/identity-documents`, 'manager.das', { person: 'child', document: 'identity_card', obtainedOn: isoDay(0) })).status).toBe(201);
    expect((await api.call('GET', `/cases/${c.caseId}/observator-export?format=csv`, { as: 'manager.das' })).status).toBe(200);
    const actions = ((await auditOf(doc, 'case', c.caseId)) as unknown as Entry[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['case.create', 'task.submit', 'case.consent.withdraw', 'case.identity_documents.write', 'export.personal.observator', 'case.consent.read']));
  });
});

describe('who may read it', () => {
  it('the coordinator of the case institution reads the case log; the case manager and other institutions cannot', async () => {
    const r = await caseLog();
    expect(r.status).toBe(200);
    const items = r.body.items as Entry[];
    expect(items.length).toBeGreaterThan(3);
    // newest first
    expect(items.map((e) => e.at)).toEqual([...items.map((e) => e.at)].sort().reverse());
    expect((await caseLog('coord.dgaspc')).status).toBe(404);
    for (const u of ['manager.das', 'admin', 'manager.proiect', 'financiar.das']) expect((await caseLog(u)).status, u).toBe(403);
  });

  it("an institution's month: own institution only, pages with a cursor that cannot be pointed elsewhere", async () => {
    const das = await api.get(`/audit?month=${month()}&limit=3`, 'coord.das');
    expect(das.status).toBe(200);
    expect(das.body.institution).toBe('DAS');
    expect(das.body.items).toHaveLength(3);
    expect((das.body.items as Entry[]).every((e) => e.subjectInstitution === 'DAS')).toBe(true);
    const next = await api.get(`/audit?month=${month()}&limit=3&cursor=${das.body.nextCursor}`, 'coord.das');
    expect(next.status).toBe(200);
    const firstIds = new Set((das.body.items as { auditId: string }[]).map((e) => e.auditId));
    expect((next.body.items as { auditId: string }[]).some((e) => firstIds.has(e.auditId))).toBe(false);

    const dgaspc = await api.get(`/audit?month=${month()}&limit=200`, 'coord.dgaspc');
    expect(dgaspc.body.institution).toBe('DGASPC');
    expect((dgaspc.body.items as Entry[]).some((e) => e.subjectId === c.caseId)).toBe(false);
    expect((await api.get('/audit?institution=DAS', 'coord.dgaspc')).status).toBe(403);
    // a DAS cursor handed to a DGASPC coordinator is refused, not followed
    const stolen = await api.get(`/audit?month=${month()}&cursor=${das.body.nextCursor}`, 'coord.dgaspc');
    expect(stolen.status).toBe(422);
    expect(stolen.body.error.code).toBe('INVALID_CURSOR');
    for (const u of ['manager.das', 'manager.proiect']) expect((await api.get('/audit', u)).status, u).toBe(403);
    // the administrator reads the log of their own institution (DAS) and of no other (decision 009, amended)
    expect((await api.get(`/audit?month=${month()}&limit=3`, 'admin')).status).toBe(200);
    expect((await api.get(`/audit?month=${month()}&institution=DGASPC`, 'admin')).status).toBe(403);
  });

  it('reading and exporting the log are audited too', async () => {
    const coordId = (await whoIs(api, 'coord.das')).userId;
    const csv = await api.call('GET', `/audit/export?month=${month()}`, { as: 'coord.das' });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain(`jurnal-audit-DAS-${month()}.csv`);
    expect(String(csv.body)).toContain(c.caseId);
    const exports = (await auditOf(doc, 'export', `audit:DAS:${month()}`)) as unknown as Entry[];
    expect(exports.some((e) => e.action === 'audit.read' && e.actorId === coordId)).toBe(true);
    const csvExports = (await auditOf(doc, 'export', `audit:DAS:${month()}:csv`)) as unknown as Entry[];
    expect(csvExports.some((e) => e.action === 'export.audit' && e.actorId === coordId)).toBe(true);
  });
});

describe('nobody can change or delete an entry', () => {
  it('no route writes to the audit log, and no function is granted more than append and query', () => {
    const auditRoutes = (routes as readonly RouteDef[]).filter((r) => /audit/i.test(r.path) || /audit/i.test(r.action));
    expect(auditRoutes.length).toBeGreaterThan(0);
    expect(auditRoutes.every((r) => r.method === 'GET')).toBe(true);
    for (const f of functions) expect((f.access.audit ?? []).every((a) => a === 'append' || a === 'read'), f.name).toBe(true);
    const methods = Object.getOwnPropertyNames(AuditLog.prototype).filter((m) => m !== 'constructor');
    expect(methods.filter((m) => /delete|remove|update|replace|purge|clear/i.test(m))).toEqual([]);
  });

  it('DELETE, PUT, PATCH and POST on the audit paths are refused for every role, and the entries are still there', async () => {
    const before = (await auditOf(doc, 'case', c.caseId)).length;
    const entryId = ((await caseLog()).body.items as { auditId: string }[])[0]!.auditId;
    const paths = ['/audit', `/audit/${entryId}`, `/cases/${c.caseId}/audit`, `/cases/${c.caseId}/audit/${entryId}`, '/audit/export'];
    for (const as of ['coord.das', 'admin', 'manager.das', 'manager.proiect']) {
      for (const path of paths) {
        for (const method of ['DELETE', 'PUT', 'PATCH', 'POST']) {
          const r = await api.call(method, path, { as, body: { items: [] } });
          expect([404, 405], `${method} ${path} as ${as}`).toContain(r.status);
        }
      }
    }
    const after = await auditOf(doc, 'case', c.caseId);
    expect(after.length).toBeGreaterThanOrEqual(before);
    expect(after.some((e) => e.auditId === entryId)).toBe(true);
  });
});
