/**
 * Demo caseload for the local runtime: synthetic children (names from a fictitious list, valid-but-fake CNPs, RO IBANs
 * generated for demo) taken through the REAL pathway code — referral, workflow-opened tasks, submitted forms — so the
 * demo shows cases at every stage. Runs once, on first start.
 */
import type { Principal } from '../../shared/platform/auth/principal.js';
import { syntheticCnp } from '../../shared/platform/ro/cnp.js';
import { syntheticRoIban } from '../../shared/platform/ro/iban.js';
import { makeDeps, type PathwayDeps } from '../../shared/cases/deps.js';
import { createReferral } from '../../shared/cases/referral.js';
import { submitTask } from '../../shared/cases/tasks.js';
import type { TaskKind } from '../../shared/cases/config.js';
import type { LocalIdentity } from '../identity.js';
import { addCalendarDays, today, type Clock } from '../../shared/platform/calendar.js';
import { runtimeClock } from '../../shared/platform/env.js';

const FIRST = ['Andrei', 'Bianca', 'Cosmin', 'Daria', 'Eduard', 'Florina', 'Gabriel', 'Ilinca', 'Luca', 'Maia', 'Nicu', 'Oana', 'Petra', 'Raul', 'Sara', 'Tudor', 'Vlad', 'Zoe'];
const LAST = ['Demoescu', 'Fictivu', 'Exemplaru', 'Probescu', 'Testeanu', 'Model'];


function principalOf(identity: LocalIdentity, username: string): Principal {
  const u = identity.userByUsername(username)!;
  return { userId: u.sub, username: u.username, displayName: u.name, email: u.email, roles: u.groups, institution: u.institution, services: u.services };
}

async function waitOpen(d: PathwayDeps, caseId: string, kind: TaskKind) {
  for (let i = 0; i < 200; i++) {
    const t = (await d.tasks.forCase(caseId)).find((x) => x.kind === kind && x.status === 'open');
    if (t) return t;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`demo: task ${kind} did not open on ${caseId}`);
}

async function submit(d: PathwayDeps, p: Principal, caseId: string, kind: TaskKind, form: unknown) {
  const t = await waitOpen(d, caseId, kind);
  const c = (await d.cases.get(caseId))!;
  await submitTask(d, p, t.taskId, c.editVersion ?? 1, form, { requestId: 'demo-seed' });
}

export async function seedDemoCases(identity: LocalIdentity, log?: (m: string) => void, count = 24, clock: Clock = runtimeClock()): Promise<number> {
  const d = makeDeps({ now: () => clock.now() });
  // the demo's days are Bucharest days on the runtime's clock (consent "today" is today in Timișoara, not in UTC)
  const day = (offset: number) => addCalendarDays(today(clock), offset);
  const req = { requestId: 'demo-seed' };
  let n = 0;
  for (let i = 0; i < count; i++) {
    const reintegration = i % 8 === 7;
    const manager = principalOf(identity, reintegration ? 'manager.dgaspc' : i % 2 ? 'manager2.das' : 'manager.das');
    const coordinator = principalOf(identity, reintegration ? 'coord.dgaspc' : 'coord.das');
    const birthDate = `${2010 + (i % 8)}-0${1 + (i % 9)}-1${i % 9}`;
    const sex = i % 2 ? 'M' : 'F';
    const { case: c, created } = await createReferral(d, manager, {
      clientRequestId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      track: reintegration ? 'reintegration' : 'prevention',
      child: {
        firstName: FIRST[i % FIRST.length]!, lastName: LAST[i % LAST.length]!, birthDate, sex,
        cnp: syntheticCnp(birthDate, sex, 500 + i), residenceCity: 'Timișoara',
        ethnicity: i % 5 === 0 ? 'roma' : i % 5 === 1 ? 'not_roma' : 'not_declared', disability: i % 6 === 0, inSpecialProtection: reintegration,
      },
      legalRepresentative: { firstName: 'Părinte', lastName: `${LAST[i % LAST.length]!}`, relation: 'mother', iban: syntheticRoIban(900 + i) },
      referral: { source: (['school', 'police', 'family_doctor', 'community'] as const)[i % 4]!, receivedAt: new Date(clock.now().getTime() - (i + 1) * 86_400_000).toISOString(), reason: 'Sesizare fictivă pentru demonstrație: absenteism și risc de separare.', riskFactors: ['school_dropout'] },
    }, req);
    if (!created) continue; // an interrupted earlier seeding already made this one
    n++;
    // half of them in services (so every centre and intervention has children to record), the rest at the earlier steps
    const stageTarget = [0, 1, 2, 3, 3, 3][i % 6]!; // 0 stays in evaluation, 1 in planning, 2 awaits approval, 3 in services
    if (stageTarget >= 1) {
      await submit(d, manager, c.caseId, 'evaluation', {
        familySituation: 'Familie fictivă, venituri reduse.', riskFactors: ['school_dropout'], riskLevel: 'medium', needs: ['sprijin școlar'],
        childView: 'Copilul vrea să rămână cu familia.', consent: { given: true, givenByRelation: 'parent', date: day(0), purposes: ['case_management', 'services', 'subsidy', 'data_processing'] }, decision: 'proceed',
      });
    }
    if (stageTarget >= 2) {
      await submit(d, manager, c.caseId, 'plan', {
        objectives: [{ id: 'O1', text: 'Frecvență școlară regulată' }],
        services: [{ serviceId: reintegration ? 'int-b' : (['cz-sf-nicolae', 'cz-kuncz', 'cr-podu-lung', 'int-a'] as const)[i % 4], responsible: manager.displayName }],
        cohort: i % 3 === 0 ? '12m' : '18m', reviewDate: day(60),
      });
    }
    if (stageTarget >= 3) await submit(d, coordinator, c.caseId, 'plan_approval', { decision: 'approved' });
  }
  log?.(`demo: ${n} cazuri fictive create`);
  return n;
}
