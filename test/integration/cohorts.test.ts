/**
 * The cohort places a plan approval and an import count (shared/cases/cohorts.ts) come from a projection of every
 * case's cohort facts, not from the case records: the counts must be the ones the records say, on the shared
 * runtime's tables. Other files approve plans meanwhile, so both readings are taken again until they agree.
 */
import { describe, expect, it, inject } from 'vitest';
import { join } from 'node:path';
import { Api, eventually } from '../support/api.js';
import { evaluationForm, planForm, referralForm } from '../support/fixtures.js';
import { completeTask, createReportCase } from '../support/reports.js';
import { localDb } from '../support/subsidy.js';
import { CaseStore } from '../../shared/cases/store.js';
import { cohortCounts, cohortOf } from '../../shared/cases/cohorts.js';
import { institutionIds } from '../../shared/platform/auth/principal.js';
import { FieldEncryptionCodec } from '../../shared/protection/case-codec.js';
import { LocalKeyProvider } from '../../shared/protection/keys.js';

const urls = inject('urls');
const api = new Api(urls);
const store = new CaseStore(localDb(urls), new FieldEncryptionCodec(new LocalKeyProvider({ file: join(inject('dataDir'), 'identity', 'field-key') })));

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
    const r = await api.post('/referrals', 'manager.das', referralForm());
    expect(r.status).toBe(201);
    const waiting = r.body.case.caseId as string;
    await completeTask(api, waiting, 'evaluation', 'manager.das', evaluationForm());
    await completeTask(api, waiting, 'plan', 'manager.das', { ...planForm(), cohort: '12m' });
    const facts = async (institution: string, caseId: string) => (await store.cohortFactsByInstitution(institution)).find((f) => f.caseId === caseId);
    // exactly the three facts a place is read from, and no other attribute
    expect(await facts(twelve.institution, twelve.caseId)).toEqual({ caseId: twelve.caseId, cohort: '12m', plan: { status: 'approved', cohort: '12m' } });
    const pending = await facts('DAS', waiting);
    expect(pending?.cohort).toBeUndefined();
    expect(pending?.plan?.cohort).toBe('12m');
    expect(pending?.plan?.status).not.toBe('approved');
    await eventually(async () => {
      const [counted, fromRecords] = await Promise.all([cohortCounts({ cases: store }), placesFromRecords()]);
      expect(counted).toEqual(fromRecords);
      expect(counted['12m']).toBeGreaterThanOrEqual(1);
      // the approved case's place is its own: gone when it is the case being decided; the waiting plan holds none
      const [without, recordsWithout, withoutWaiting] = await Promise.all([cohortCounts({ cases: store }, twelve.caseId), placesFromRecords(twelve.caseId), cohortCounts({ cases: store }, waiting)]);
      expect(without).toEqual(recordsWithout);
      expect(without['12m']).toBe(counted['12m']! - 1);
      expect(withoutWaiting).toEqual(counted);
      return true;
    }, 'the projected cohort places equal to the case records', 120_000);
  }, 240_000);
});
