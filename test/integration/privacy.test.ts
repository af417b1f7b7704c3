/**
 * Data protection end to end, on a runtime of its own (its logs are captured from the first line, debug level, and
 * its retention period is shortened to one day):
 * - a full case run, consent withdrawal and a retention run leave no name, CNP, IBAN, phone or address in the logs or
 *   in the e-mails;
 * - the stored case item holds CNP, ethnicity and health data only sealed; identity keys are keyed hashes;
 * - ethnicity leaves Vatra only as aggregates with counts under 5 suppressed;
 * - consent withdrawal stops what it should; a closed case is anonymised after the retention period, once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { syntheticCnp } from '../../shared/platform/ro/cnp.js';
import { syntheticRoIban } from '../../shared/platform/ro/iban.js';
import { Api, eventually, inbox } from '../support/api.js';
import { closureForm, evaluationForm, isoDay, letters, referralForm, reviewForm, waitTask } from '../support/fixtures.js';
import { startRuntimeProcess, type RuntimeProcess } from '../support/runtime.js';
import { MAIN, auditOf, casePartition, documentClient, planWith, prepareCase, rawCaseItem, submitForm } from '../support/security.js';
import { parseCsv } from '../support/csv.js';

let rt: RuntimeProcess;
let api: Api;
let doc: DynamoDBDocumentClient;

// one family with unmistakable, fictitious data
const tag = letters(Date.now() % 1_000_000).replace(/^./, (c) => c.toUpperCase());
const person = {
  childFirst: `Zamfirica${tag}`,
  childLast: `Secretescu${tag}`,
  repFirst: `Ruxandra${tag}`,
  repLast: `Tainicescu${tag}`,
  consentName: `Ruxandra${tag} Tainicescu${tag}`,
  cnp: syntheticCnp('2014-09-21', 'F', 777),
  iban: syntheticRoIban(424242),
  phone: '+40 799 123 456',
  address: `Strada Ascunsă${tag} nr. 13`,
  school: `Școala Discretă${tag}`,
};
const secrets = () => [person.childFirst, person.childLast, person.repFirst, person.repLast, person.cnp, person.iban, person.phone.replace(/ /g, ''), person.phone, person.address, person.school];

let caseId = '';
let consentCaseId = '';


async function fire(schedule: string, at: Date) {
  const r = await api.control('POST', `/schedules/${schedule}/fire`, { at: at.toISOString() });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.result as Record<string, number>;
}

beforeAll(async () => {
  rt = await startRuntimeProcess({
    env: { VATRA_LOG_LEVEL: 'DEBUG', VATRA_QUIET: '0', VATRA_VERBOSE: '1', VATRA_RETENTION_DAYS: '1', VATRA_RETENTION_NOT_BEFORE: 'none' },
  });
  api = new Api(rt.urls);
  doc = documentClient(rt.urls);
});

afterAll(async () => {
  await rt?.stop();
});

describe('a full case run', () => {
  it('takes one family from referral to closure, with consent, exports and a refused hostile request on the way', async () => {
    const form = referralForm({ firstName: person.childFirst, lastName: person.childLast, birthDate: '2014-09-21' });
    form.child = { ...form.child, cnp: person.cnp, address: person.address, school: person.school, ethnicity: 'roma', disability: true } as typeof form.child;
    form.legalRepresentative = { firstName: person.repFirst, lastName: person.repLast, relation: 'mother', phone: person.phone, iban: person.iban } as typeof form.legalRepresentative;
    form.referral = { ...form.referral, riskFactors: ['suicide_attempt', 'school_dropout'] };
    const r = await api.post('/referrals', 'manager.das', form);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    caseId = r.body.case.caseId;
    // the same child again (same CNP): refused as a duplicate, through the hashed identity keys
    const again = await api.post('/referrals', 'manager.das', { ...form, clientRequestId: crypto.randomUUID() });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('DUPLICATE_CHILD');
    // a malformed referral carrying the family's data: refused, and nothing of it may reach the logs
    const bad = await api.post('/referrals', 'manager.das', { ...form, clientRequestId: 'nope', child: { ...form.child, birthDate: '2014-02-30' } });
    expect(bad.status).toBe(422);

    await submitForm(api, caseId, 'evaluation', 'manager.das', { ...evaluationForm(), consent: { ...evaluationForm().consent, givenByName: person.consentName } });
    await submitForm(api, caseId, 'plan', 'manager.das', planWith(['cz-sf-nicolae']));
    await submitForm(api, caseId, 'plan_approval', 'coord.das', { decision: 'approved' }, 'coord.das');
    await submitForm(api, caseId, 'observator_registration', 'manager.das', { registrationNumber: 'ONC-TM/2026/999', registrationDate: isoDay(0) });
    expect((await api.call('GET', `/cases/${caseId}/observator-export?format=csv`, { as: 'manager.das' })).status).toBe(200);
    expect((await api.post(`/cases/${caseId}/identity-documents`, 'manager.das', { person: 'legal_representative', document: 'identity_card', obtainedOn: isoDay(0) })).status).toBe(201);
    const v = (await api.get(`/cases/${caseId}/consent`, 'manager.das')).body.version;
    expect((await api.post(`/cases/${caseId}/consent/withdrawals`, 'manager.das', { expectedVersion: v, purposes: ['subsidy'], date: isoDay(0), note: 'Cerere verbală' })).status).toBe(201);
    expect((await api.get(`/reports/indicators/participants/cases`, 'coord.das')).status).toBe(200);
    await fire('daily-reminders', new Date());
    await submitForm(api, caseId, 'review', 'manager.das', reviewForm('close'));
    await submitForm(api, caseId, 'closure', 'manager.das', closureForm());
    await eventually(async () => (await api.get(`/cases/${caseId}`, 'manager.das')).body.case?.status === 'closed', 'case closed');
  });
});

describe('what is stored', () => {
  it('the case item holds the CNP, ethnicity and health data only sealed; the key file is owner-only', async () => {
    const item = (await rawCaseItem(doc, caseId))!;
    const raw = JSON.stringify(item);
    expect(raw).not.toContain(person.cnp);
    expect(raw).not.toContain('suicide_attempt');
    const child = item.child as Record<string, unknown>;
    expect(child.cnp).toBeUndefined();
    expect(child.ethnicity).toBeUndefined();
    expect(child.disability).toBeUndefined();
    expect(item.sealed).toMatchObject({ v: 1, kid: expect.stringMatching(/^local:/) });
    // …and the API gives the case manager the whole record back
    const view = (await api.get(`/cases/${caseId}`, 'manager.das')).body.case;
    expect(view.child).toMatchObject({ cnp: person.cnp, ethnicity: 'roma', disability: true });
    const key = statSync(join(rt.dataDir, 'identity', 'field-key'));
    expect(key.size).toBe(32);
    expect(key.mode & 0o777).toBe(0o600);
  });

  it('identity keys and history reveal neither the CNP nor the name', async () => {
    const item = (await rawCaseItem(doc, caseId))!;
    const keys = item.identityKeys as string[];
    expect(keys).toHaveLength(2);
    for (const k of keys) expect(k).toMatch(/^(cnp|nbd)#h1#[A-Za-z0-9_-]{43}$/);
    // everything stored beside the case item: history entries, task items, identity-document records
    const others = JSON.stringify((await casePartition(doc, caseId)).filter((i) => i.sk !== 'CASE'));
    expect(others).toContain('HIST#');
    for (const s of [person.cnp, person.childFirst, person.childLast, person.repLast, person.iban, person.consentName]) expect(others).not.toContain(s);
  });
});

describe('ethnicity leaves Vatra only in aggregates, small counts suppressed', () => {
  const ROMA = 'din care copii romi (etnie declarată)';

  async function romaRow() {
    const r = await api.call('GET', '/reports/indicators/export?format=csv', { as: 'manager.proiect' });
    expect(r.status).toBe(200);
    const rows = parseCsv(String(r.body));
    const header = rows[0]!;
    const row = rows.find((x) => x[1] === ROMA)!;
    expect(row, 'the Roma row of the export').toBeDefined();
    return { value: row[header.indexOf('Valoare')], byInstitution: ['DAS', 'DGASPC', 'GAL'].map((i) => row[header.findIndex((h) => h.includes(i))]) };
  }
  const exact = async () => (await api.get('/reports/indicators/participants_roma/cases', 'manager.proiect')).body.indicator.value as number;

  it('a count under 5 is exported as „<5”, never as the number', async () => {
    await prepareCase(api, { ethnicity: 'roma', services: ['cz-kuncz'] });
    const n = await exact();
    expect(n).toBeGreaterThanOrEqual(1);
    expect(n).toBeLessThan(5);
    const row = await romaRow();
    expect(row.value).toBe('<5');
    expect(row.byInstitution.filter((v) => v !== '' && v !== undefined).every((v) => v === '<5' || v === '0')).toBe(true);
  });

  it('from 5 up the number is shown', async () => {
    while ((await exact()) < 5) await prepareCase(api, { ethnicity: 'roma', services: ['cz-kuncz'] });
    const n = await exact();
    expect((await romaRow()).value).toBe(String(n));
  });
});

describe('consent and its withdrawal', () => {
  it('withdrawing data processing flags the case for restricted processing; a new consent lifts it', async () => {
    const c = await prepareCase(api, { services: ['cz-sf-nicolae'] });
    consentCaseId = c.caseId;
    const before = (await api.get(`/cases/${c.caseId}/consent`, 'manager.das')).body;
    expect(before.purposes.every((p: { state: string }) => p.state === 'valid')).toBe(true);
    const w = await api.post(`/cases/${c.caseId}/consent/withdrawals`, 'manager.das', { expectedVersion: before.version, purposes: ['data_processing', 'services'], date: isoDay(0) });
    expect(w.status, JSON.stringify(w.body)).toBe(201);
    expect(w.body.processingRestricted).toMatchObject({ reason: 'consent_withdrawn' });
    expect(w.body.purposes.find((p: { purpose: string }) => p.purpose === 'services').state).toBe('withdrawn');
    expect(w.body.purposes.find((p: { purpose: string }) => p.purpose === 'subsidy').state).toBe('valid');
    // the form a second person still has open is stale now
    const stale = await api.post(`/cases/${c.caseId}/consent/withdrawals`, 'coord.das', { expectedVersion: before.version, purposes: ['subsidy'], date: isoDay(0) });
    expect(stale.status).toBe(409);
    const again = await api.put(`/cases/${c.caseId}/consent`, 'coord.das', { expectedVersion: w.body.version, given: true, givenByRelation: 'parent', date: isoDay(0), purposes: ['case_management', 'services', 'data_processing'] });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.processingRestricted).toBeNull();
    expect(again.body.purposes.find((p: { purpose: string }) => p.purpose === 'subsidy').state).toBe('missing');
    const history = (await api.get(`/cases/${c.caseId}/history`, 'manager.das')).body.items.map((h: { action: string }) => h.action);
    expect(history).toEqual(expect.arrayContaining(['case.consent.withdraw', 'case.consent.record']));
  });
});

describe('retention', () => {
  it('shows the period with its legal basis and what is due, without personal data', async () => {
    const r = await api.get('/retention', 'admin');
    expect(r.status).toBe(200);
    expect(r.body.policy).toMatchObject({ closedCaseDays: 1, notBefore: null });
    expect(r.body.legalBasis[0].source).toMatch(/Legea 16\/1996/);
    expect(r.body.institutions.find((i: { institution: string }) => i.institution === 'DAS')).toMatchObject({ closed: 1, anonymised: 0, dueNow: 0 });
    expect(JSON.stringify(r.body)).not.toContain(person.childLast);
  });

  it('anonymises a closed case after the period, keeps the statistics, and does it only once', async () => {
    const participantsBefore = (await api.get('/reports/indicators/participants/cases', 'manager.proiect')).body.indicator.value;
    expect(await fire('data-retention', new Date())).toMatchObject({ due: 0, anonymised: 0 });
    const later = new Date(Date.now() + 2 * 86_400_000);
    expect(await fire('data-retention', later)).toMatchObject({ closedCases: 1, due: 1, anonymised: 1, failed: 0 });
    expect(await fire('data-retention', later)).toMatchObject({ due: 0, anonymised: 0 });

    // each run is listed for the administrator, counts only (no case id, no name); nobody else reads the runs
    const runs = await api.get('/retention/runs', 'admin');
    expect(runs.status).toBe(200);
    expect(runs.body.items.length).toBeGreaterThanOrEqual(3);
    expect(runs.body.items.filter((r: { anonymised: number }) => r.anonymised === 1)).toHaveLength(1);
    const done = runs.body.items.find((r: { anonymised: number }) => r.anonymised === 1);
    expect(done).toMatchObject({ closedCases: 1, due: 1, failed: 0, institutions: [{ institution: 'DAS', due: 1, anonymised: 1, failed: 0 }] });
    expect(done.identityKeysErased).toBeGreaterThan(0);
    expect(JSON.stringify(runs.body)).not.toContain(caseId);
    expect((await api.get('/retention/runs', 'coord.das')).status).toBe(403);

    const c = (await api.get(`/cases/${caseId}`, 'coord.das')).body.case;
    expect(c.anonymisedAt).toBeTruthy();
    expect(c.child.firstName).toBe('Z.');
    expect(c.child.lastName).toBe('S.');
    expect(c.child.cnp).toBeUndefined();
    expect(c.child.ethnicity).toBe('roma');
    expect(c.legalRepresentative.iban).toBeUndefined();
    const text = JSON.stringify(c);
    for (const s of [...secrets(), person.consentName]) expect(text).not.toContain(s);
    expect(JSON.stringify(await rawCaseItem(doc, caseId))).not.toContain(person.cnp);

    const history = (await api.get(`/cases/${caseId}/history`, 'coord.das')).body.items.map((h: { action: string }) => h.action);
    expect(history.filter((a: string) => a === 'case.anonymise')).toHaveLength(1);
    expect((await auditOf(doc, 'case', caseId)).some((e) => e.action === 'retention.anonymise' && e.actorId === 'system')).toBe(true);
    expect((await api.get('/reports/indicators/participants/cases', 'manager.proiect')).body.indicator.value).toBe(participantsBefore);
    // the identity keys are gone from the table as well as from the case
    const ident = await doc.send(new QueryCommand({ TableName: MAIN, IndexName: 'gsi3', KeyConditionExpression: 'gsi3pk = :p', ExpressionAttributeValues: { ':p': `CASE#${caseId}` } }));
    expect(JSON.stringify(ident.Items ?? [])).not.toContain('IDENT#');
    // a consent change on an anonymised case is refused
    const refused = await api.post(`/cases/${caseId}/consent/withdrawals`, 'coord.das', { expectedVersion: c.version, purposes: ['services'], date: isoDay(0) });
    expect([409, 422]).toContain(refused.status);
    expect(consentCaseId).not.toBe('');
  });
});

describe('logs and e-mails', () => {
  it('hold no name, CNP, IBAN, phone or address of the family, although the handlers did log', async () => {
    await waitTask(api, consentCaseId, 'observator_registration', 'manager.das').catch(() => undefined);
    const out = rt.output();
    // the capture is real: the retention job's structured log line is in it
    expect(out).toContain('retention run');
    expect(out.length).toBeGreaterThan(1000);
    const lower = out.toLowerCase();
    for (const s of [...secrets(), person.consentName]) expect(lower, `log contains ${s}`).not.toContain(s.toLowerCase());
    const mails = await inbox(rt.urls);
    expect(mails.length).toBeGreaterThan(0);
    const mailText = JSON.stringify(mails).toLowerCase();
    for (const s of [...secrets(), person.consentName]) expect(mailText, `mail contains ${s}`).not.toContain(s.toLowerCase());
  });
});
