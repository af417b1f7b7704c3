/**
 * The cohort places a plan approval and an import count (shared/cases/cohorts.ts) come from a projection of every
 * case's cohort facts, not from the case records: the counts must be the ones the records say, on the shared
 * runtime's tables. Other files approve plans meanwhile, so both readings are taken again until they agree.
 */
import { describe, expect, it, inject } from 'vitest';
import { join } from 'node:path';
import { Api, eventually } from '../support/api.js';
import { createReportCase } from '../support/reports.js';
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
    const pending = await createReportCase(api, { label: 'cohort-none', track: 'prevention', roma: false, service: null });
    await eventually(async () => {
      const [counted, fromRecords] = await Promise.all([cohortCounts({ cases: store }), placesFromRecords()]);
      expect(counted).toEqual(fromRecords);
      expect(counted['12m']).toBeGreaterThanOrEqual(1);
      const [without, recordsWithout] = await Promise.all([cohortCounts({ cases: store }, twelve.caseId), placesFromRecords(twelve.caseId)]);
      expect(without).toEqual(recordsWithout);
      // a case still at evaluation holds no place: leaving it out changes nothing
      expect(await cohortCounts({ cases: store }, pending.caseId)).toEqual(await cohortCounts({ cases: store }));
      return true;
    }, 'the projected cohort places equal to the case records', 60_000);
    // the 12-month place is this case's own: it is counted, and gone when it is the case being decided
    const facts = (await store.cohortFactsByInstitution(twelve.institution)).find((f) => f.caseId === twelve.caseId);
    expect(facts).toEqual({ caseId: twelve.caseId, cohort: '12m', plan: { status: 'approved', cohort: '12m' } });
  });
});
