/**
 * Cohort places on the shared runtime's tables. The count a plan approval and an import read (shared/cases/cohorts.ts)
 * comes from a projection of every case's cohort facts: it must equal what the case records say (other files approve
 * plans meanwhile, so both readings are taken again until they agree). And two approvals cannot both take the last
 * place: a place taken at a version of the places item that has moved is refused, and an approval overtaken between
 * its count and its write counts again (decision 012).
 */
import { describe, expect, it, inject } from 'vitest';
import { join } from 'node:path';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { Api, eventually } from '../support/api.js';
import { evaluationForm, planForm, referralForm, waitTask } from '../support/fixtures.js';
import { completeTask, createReportCase } from '../support/reports.js';
import { whoIs } from '../support/security.js';
import { documentClient, localDb } from '../support/subsidy.js';
import { CohortPlacesStore } from '../../shared/cases/cohort-places-store.js';
import { cohortCounts, cohortOf, cohortPlaces } from '../../shared/cases/cohorts.js';
import type { PathwayDeps } from '../../shared/cases/deps.js';
import { CaseStore } from '../../shared/cases/store.js';
import { TaskStore } from '../../shared/cases/task-store.js';
import { submitTask } from '../../shared/cases/tasks.js';
import { institutionIds } from '../../shared/platform/auth/principal.js';
import { lazySfnClient } from '../../shared/platform/aws.js';
import { AuditLog } from '../../shared/protection/audit-store.js';
import { FieldEncryptionCodec } from '../../shared/protection/case-codec.js';
import { LocalKeyProvider } from '../../shared/protection/keys.js';

const urls = inject('urls');
const api = new Api(urls);
const db = localDb(urls);
const codec = new FieldEncryptionCodec(new LocalKeyProvider({ file: join(inject('dataDir'), 'identity', 'field-key') }));
const store = new CaseStore(db, codec);

/** A DAS case whose plan (naming the 12-month cohort) waits for the coordinator's approval. */
async function planAwaitingApproval(): Promise<string> {
  const r = await api.post('/referrals', 'manager.das', referralForm());
  expect(r.status).toBe(201);
  const caseId = r.body.case.caseId as string;
  await completeTask(api, caseId, 'evaluation', 'manager.das', evaluationForm());
  await completeTask(api, caseId, 'plan', 'manager.das', { ...planForm(), cohort: '12m' });
  return caseId;
}

/** The places as the whole case records say (what the count read before). */
async function placesFromRecords(except?: string): Promise<Record<string, number>> {
  const records = (await Promise.all(institutionIds.map((i) => store.listByInstitution(i, { limit: Number.MAX_SAFE_INTEGER })))).flat();
  const out: Record<string, number> = {};
  for (const c of new Map(records.map((r) => [r.caseId, r])).values()) {
    const cohort = cohortOf(c);
    if (cohort && c.caseId !== except) out[cohort] = (out[cohort] ?? 0) + 1;
  }
  return out;
}

describe('cohort places', () => {
  it('counts the place of every case as its record says, leaving out the case being decided', async () => {
    const twelve = await createReportCase(api, { label: 'cohort-12m', track: 'prevention', roma: false, service: 'cz-sf-nicolae', cohort: '12m' });
    // a plan that names the 12-month cohort but waits for its approval: no place yet
    const waiting = await planAwaitingApproval();
    const facts = async (institution: string, caseId: string) => (await store.cohortFactsByInstitution(institution)).find((f) => f.caseId === caseId);
    // exactly the three facts a place is read from, and no other attribute
    expect(await facts(twelve.institution, twelve.caseId)).toEqual({ caseId: twelve.caseId, cohort: '12m', plan: { status: 'approved', cohort: '12m' } });
    const pending = await facts('DAS', waiting);
    expect(pending?.cohort).toBeUndefined();
    expect(pending?.plan?.cohort).toBe('12m');
    expect(pending?.plan?.status).not.toBe('approved');
    await eventually(async () => {
      const [counted, fromRecords] = await Promise.all([cohortCounts({ db, cases: store }), placesFromRecords()]);
      expect(counted).toEqual(fromRecords);
      expect(counted['12m']).toBeGreaterThanOrEqual(1);
      // the approved case's place is its own: gone when it is the case being decided; the waiting plan holds none
      const [without, recordsWithout, withoutWaiting] = await Promise.all([cohortCounts({ db, cases: store }, twelve.caseId), placesFromRecords(twelve.caseId), cohortCounts({ db, cases: store }, waiting)]);
      expect(without).toEqual(recordsWithout);
      expect(without['12m'] ?? 0).toBe(counted['12m']! - 1);
      expect(withoutWaiting).toEqual(counted);
      return true;
    }, 'the projected cohort places equal to the case records', 120_000);
  }, 240_000);

  it('refuses a place taken at a version of the places that has moved since, and lists the places just taken', async () => {
    // a case that holds its place already: taking it again from here changes no count
    const held = await createReportCase(api, { label: 'cohort-held', track: 'prevention', roma: false, service: 'cz-sf-nicolae', cohort: '12m' });
    const taken = () => ({ caseId: held.caseId, cohort: '12m' as const, at: new Date().toISOString() });
    // other files approve plans meanwhile (each moves the version): count and take until one write goes through
    for (let attempt = 0; ; attempt++) {
      const counted = await cohortPlaces({ db, cases: store });
      try {
        await db.doc.send(new TransactWriteCommand({ TransactItems: [new CohortPlacesStore(db).takeItem(counted, taken())] }));
      } catch (e) {
        if (attempt < 20) continue;
        throw e;
      }
      // a second approval that counted at the same version is refused
      await expect(db.doc.send(new TransactWriteCommand({ TransactItems: [new CohortPlacesStore(db).takeItem(counted, taken())] }))).rejects.toMatchObject({ name: 'TransactionCanceledException' });
      const after = await cohortPlaces({ db, cases: store });
      expect(after.version).toBeGreaterThan(counted.version);
      expect(after.recent.filter((r) => r.caseId === held.caseId)).toHaveLength(1);
      return;
    }
  }, 240_000);

  it('lets four plans sent for approval at once each take their place, each moving the version once', async () => {
    const waiting = await Promise.all([0, 1, 2, 3].map(() => planAwaitingApproval()));
    const before = await cohortPlaces({ db, cases: store });
    // the coordinator approves the four at once
    const answers = await Promise.all(waiting.map((caseId) => completeTask(api, caseId, 'plan_approval', 'coord.das', { decision: 'approved' })));
    for (const a of answers) expect(a.case.cohort).toBe('12m');
    const after = await cohortPlaces({ db, cases: store });
    // each approval moved the version once (other files' approvals move it too)
    expect(after.version).toBeGreaterThanOrEqual(before.version + 4);
    for (const caseId of waiting) expect(cohortOf((await store.cohortFactsByInstitution('DAS')).find((f) => f.caseId === caseId)!)).toBe('12m');
  }, 240_000);

  it('counts again when another approval took a place between its count and its write, and then takes its own', async () => {
    // the approval runs here, on the runtime's tables, with a client that lets "another approval" commit a place
    // just before its first transaction: the code the api-tasks function runs, with the moment chosen by the test
    const other = await createReportCase(api, { label: 'cohort-other', track: 'prevention', roma: false, service: 'cz-sf-nicolae', cohort: '12m' });
    const caseId = await planAwaitingApproval();
    const task = await waitTask(api, caseId, 'plan_approval', 'coord.das');
    const version = (await api.get(`/cases/${caseId}`, 'coord.das')).body.case.version as number;
    const doc = documentClient(urls);
    const tdb = { ...db, doc };
    const placesStore = new CohortPlacesStore(db);
    const sent: string[] = [];
    doc.middlewareStack.add((next) => async (args) => {
      const input = JSON.stringify((args as { input?: unknown }).input ?? {});
      if (input.includes('TransactItems') && input.includes('COHORT#PLACES')) {
        sent.push(input);
        // the other approval (of a case that holds its place: no count changes) commits first, once
        if (sent.length === 1) await db.doc.send(new TransactWriteCommand({ TransactItems: [placesStore.takeItem(await placesStore.read(), { caseId: other.caseId, cohort: '12m', at: new Date().toISOString() })] }));
      }
      return next(args);
    }, { step: 'initialize', name: 'anotherApprovalFirst' });
    const d: PathwayDeps = {
      db: tdb,
      cases: new CaseStore(tdb, codec),
      tasks: new TaskStore(tdb),
      audit: new AuditLog(tdb),
      sfn: lazySfnClient({ region: 'eu-central-1', endpoint: urls.sfn, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
      stateMachineArn: () => { throw new Error('no execution is started by an approval'); },
      now: () => new Date(),
      webBaseUrl: urls.web,
    };
    const r = await submitTask(d, await whoIs(api, 'coord.das'), task.taskId, version, { decision: 'approved' }, { requestId: 'cohort-test' });
    expect(r.case.cohort).toBe('12m');
    // two transactions: the first refused (the version it counted at had moved), the second after counting again
    expect(sent).toHaveLength(2);
    expect((await cohortPlaces({ db, cases: store })).recent.some((p) => p.caseId === caseId)).toBe(true);
  }, 240_000);
});
