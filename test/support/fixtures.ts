/** Synthetic, clearly fake people and forms for tests. */
import { randomUUID } from 'node:crypto';
import { syntheticCnp } from '../../shared/platform/ro/cnp.js';
import { addCalendarDays, today, type Clock } from '../../shared/platform/calendar.js';
import { runtimeClock } from '../../shared/platform/env.js';
import { syntheticRoIban } from '../../shared/platform/ro/iban.js';
import type { Api } from './api.js';
import { eventually } from './api.js';

let serial = Math.floor(Math.random() * 500) + 100;

/** A unique, letters-only suffix (names accept letters only). */
export const letters = (n: number) => n.toString(26).split('').map((c) => String.fromCharCode(97 + parseInt(c, 26))).join('');

function randomBirthDate(): string {
  return addCalendarDays('2012-01-01', Math.floor(Math.random() * 7 * 365));
}

/** The tests' clock: the process clock (shifted by faketime in CI) or VATRA_CLOCK / VATRA_CLOCK_OFFSET, like the runtime's. */
export const testClock = (): Clock => runtimeClock();

/** Today in Timișoara (a Bucharest day, not the UTC date) plus `offsetDays` calendar days. */
export const isoDay = (offsetDays: number) => addCalendarDays(today(testClock()), offsetDays);

export function referralForm(over: { track?: 'prevention' | 'reintegration'; firstName?: string; lastName?: string; birthDate?: string; caseManagerId?: string; withCnp?: boolean } = {}) {
  // test files share one runtime: a random birth date (2012–2018) with the serial keeps their synthetic CNPs apart
  const birthDate = over.birthDate ?? randomBirthDate();
  serial += 1;
  return {
    clientRequestId: randomUUID(),
    track: over.track ?? 'prevention',
    child: {
      firstName: over.firstName ?? `Testina ${letters(serial * 7919 + Date.now() % 100000)}`,
      lastName: over.lastName ?? 'Fictivescu',
      birthDate,
      sex: 'F',
      ...(over.withCnp === false ? {} : { cnp: syntheticCnp(birthDate, 'F', serial) }),
      residenceCity: 'Timișoara',
      ethnicity: 'not_declared',
      disability: false,
      inSpecialProtection: over.track === 'reintegration',
    },
    legalRepresentative: { firstName: 'Mama', lastName: 'Fictivescu', relation: 'mother', iban: syntheticRoIban(serial) },
    referral: { source: 'school', receivedAt: testClock().now().toISOString(), reason: 'Absențe repetate și risc de abandon școlar (date fictive de test).', riskFactors: ['school_dropout'] },
    ...(over.caseManagerId ? { caseManagerId: over.caseManagerId } : {}),
  };
}

export const evaluationForm = (decision: 'proceed' | 'close' = 'proceed') => ({
  familySituation: 'Familie monoparentală, venituri reduse (date fictive).',
  riskFactors: ['school_dropout'],
  riskLevel: 'medium',
  needs: ['sprijin școlar', 'consiliere parentală'],
  childView: 'Copilul dorește să rămână acasă.',
  consent: { given: true, givenByRelation: 'parent', date: isoDay(0), purposes: ['case_management', 'services', 'subsidy', 'data_processing'] },
  decision,
  ...(decision === 'close' ? { closeReason: 'not_eligible' } : {}),
});

export const planForm = (serviceId = 'cz-sf-nicolae', reviewInDays = 60) => ({
  objectives: [{ id: 'O1', text: 'Frecvență școlară regulată', indicator: 'absențe < 5/lună' }, { id: 'O2', text: 'Părintele participă la consiliere' }],
  services: [{ serviceId, responsible: 'Ana Demo' }],
  cohort: '18m',
  reviewDate: isoDay(reviewInDays),
});

export const reviewForm = (decision: string, extra: Record<string, unknown> = {}) => ({
  progress: [{ objectiveId: 'O1', status: 'in_progress' }],
  summary: 'Progres bun, se continuă conform planului (test).',
  decision,
  ...(decision === 'continue' ? { nextReviewDate: isoDay(45) } : {}),
  ...extra,
});

export const closureForm = (reason = 'objectives_met') => ({ reason, closingEvaluation: 'Obiectivele au fost atinse, familia este stabilă (test).', closedOn: isoDay(0) });

export interface OpenTask { taskId: string; kind: string; status: string; assigneeId?: string; institution: string }

/** Wait for the workflow to open a task of `kind` on the case, then submit `form` as `as`. */
export async function completeTask(api: Api, caseId: string, kind: string, as: string, form: unknown, viewer = as) {
  const task = await waitTask(api, caseId, kind, viewer);
  const c = await api.get(`/cases/${caseId}`, viewer);
  const r = await api.post(`/tasks/${task.taskId}/submit`, as, { expectedVersion: c.body.case.version, form });
  if (r.status !== 200) throw new Error(`submit ${kind} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return { task, result: r.body };
}

export async function waitTask(api: Api, caseId: string, kind: string, viewer: string): Promise<OpenTask> {
  return eventually(async () => {
    const r = await api.get(`/cases/${caseId}/tasks`, viewer);
    return (r.body.items as OpenTask[] | undefined)?.find((t) => t.kind === kind && t.status === 'open');
  }, `open ${kind} task on ${caseId}`);
}
