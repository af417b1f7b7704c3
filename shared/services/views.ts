/**
 * Read models: the service catalogue with places and project targets, a service's enrolment list, a child's
 * enrolments and a child's participation in a month (summary counters, the evaluation of the participation rule,
 * the register entries behind them).
 */
import type { Principal, Role } from '../platform/auth/principal.js';
import { participationRules, ruleFor } from './participation-rules.js';
import { serviceCatalogue, serviceTargets, serviceTypeLabels, type Service } from './catalogue.js';
import type { CaseRecord } from '../cases/index.js';
import { emptySummary, type MonthlyParticipationSummary, type ParticipationEvaluation } from './model.js';
import type { RequestInfo } from '../cases/index.js';
import type { PathwayDeps } from '../cases/index.js';
import { reportingConfig } from '../reports/index.js';
import { suppressCount, type Cell } from '../reports/index.js';
import { evaluateParticipation } from './rules/participation.js';
import { closuresByService, serviceCalendar } from './closures.js';
import { openDaysInMonth } from '../platform/calendar.js';
import { EnrolmentStore, enrolmentStatusLabels, type EnrolmentRecord, type EnrolmentStatus } from './enrolment-store.js';
import { RegisterStore, type MarkRecord, type StoredSession } from './register-store.js';
import { auditChildren, authorizeService, seesFullNames, serviceOr404 } from './access.js';
import { addDays, firstDayOf, lastDayOf } from './calendar.js';
import { endReasonLabels, registerPolicy } from './config.js';
import { childLabel } from './rules/registers.js';
import { mapLimit } from '../platform/concurrency.js';


export const enrolmentView = (e: EnrolmentRecord) => {
  const s = serviceCatalogue.find((x) => x.id === e.serviceId);
  return {
    ...e,
    statusLabel: enrolmentStatusLabels[e.status],
    serviceName: s?.shortName ?? e.serviceId,
    groupName: s?.groups.find((g) => g.id === e.groupId)?.name ?? e.groupId,
    ...(e.endReason ? { endReasonLabel: endReasonLabels[e.endReason] } : {}),
  };
};

// ── GET /services ────────────────────────────────────────────────────────────────────────────────────────────────

/** The catalogue with places taken / free / waiting per group, and each project target with the children served. */
export async function servicesOverview(d: PathwayDeps, p: Principal) {
  const store = new EnrolmentStore(d.db);
  const counters = await store.counters();
  const counterOf = (serviceId: string, groupId: string) => counters.find((c) => c.serviceId === serviceId && c.groupId === groupId) ?? { enrolled: 0, waiting: 0 };
  const services = serviceCatalogue.map((s) => {
    const groups = s.groups.map((g) => {
      const c = counterOf(s.id, g.id);
      return { groupId: g.id, name: g.name, capacity: g.capacity, enrolled: c.enrolled, waiting: c.waiting, free: Math.max(0, g.capacity - c.enrolled) };
    });
    const rule = ruleFor(participationRules, s.type, s.id);
    return {
      serviceId: s.id, name: s.name, shortName: s.shortName, type: s.type, typeLabel: serviceTypeLabels[s.type], licensed: s.licensed, providers: s.providers, tracks: s.tracks,
      capacity: s.capacity, capacityConfirmed: s.capacityConfirmed, note: s.note, schedule: s.schedule, activities: s.activities, groups,
      enrolled: groups.reduce((n, g) => n + g.enrolled, 0), waiting: groups.reduce((n, g) => n + g.waiting, 0), free: groups.reduce((n, g) => n + g.free, 0),
      participationRule: { kind: rule.kind, description: rule.description, confirmed: rule.confirmed, source: rule.source },
    };
  });

  // children who held a place since the project started, per target (a child counts once per target)
  const since = registerPolicy.earliestDate.value;
  const team = p.roles.some((r) => (reportingConfig.projectTeamRoles.value as readonly Role[]).includes(r));
  const targets = await Promise.all(serviceTargets.map(async (t) => {
    const held = (await Promise.all(t.services.flatMap((id) => serviceCatalogue.find((s) => s.id === id)!.groups.map((g) => store.heldSince(id, g.id, since))))).flat();
    const served = [...new Set(held.map((e) => e.caseId))];
    const activeNow = new Set(held.filter((e) => e.status === 'active').map((e) => e.caseId)).size;
    let roma: Cell | null = null;
    if (t.minRoma > 0) {
      // ethnicity is read only for the targets that have a Roma minimum, and leaves only as a count
      const cases = await mapLimit(served, 16, (id) => d.cases.get(id, false));
      const n = cases.filter((c) => c?.child.ethnicity === 'roma').length;
      roma = suppressCount(n, !team);
    }
    return { targetId: t.id, label: t.label, services: t.services, minChildren: t.minChildren, minRoma: t.minRoma, source: t.source, childrenServed: served.length, activeNow, roma };
  }));
  return { services, targets };
}

// ── GET /services/{serviceId}/enrolments ─────────────────────────────────────────────────────────────────────────

const listable: EnrolmentStatus[] = ['active', 'waiting', 'ended', 'cancelled'];

export async function serviceEnrolments(d: PathwayDeps, p: Principal, serviceId: string, statuses: readonly EnrolmentStatus[], req: RequestInfo) {
  const service = serviceOr404(serviceId);
  const role = await authorizeService(d, p, service, 'service.enrolments.read', `enrolments:${serviceId}`, req);
  const store = new EnrolmentStore(d.db);
  const wanted = statuses.length ? statuses : (['active', 'waiting'] as EnrolmentStatus[]);
  const lists = await Promise.all(service.groups.flatMap((g) => wanted.filter((s) => listable.includes(s)).map((s) => store.ofGroup(service.id, g.id, s))));
  const all = lists.flat();
  const cases = await d.cases.byIds(all.map((e) => e.caseId));
  await auditChildren(d, p, 'service.enrolments.read', [...cases.values()], req, () => ({ serviceId }));
  const full = seesFullNames(role);
  const position = new Map<string, number>();
  for (const g of service.groups) {
    all.filter((e) => e.groupId === g.id && e.status === 'waiting').sort((a, b) => a.requestedAt.localeCompare(b.requestedAt)).forEach((e, i) => {
      position.set(e.enrolmentId, i + 1);
    });
  }
  const items = all
    .map((e) => {
      const c = cases.get(e.caseId);
      return { ...enrolmentView(e), child: c ? childLabel(c.child, full) : e.caseNumber, ...(position.has(e.enrolmentId) ? { waitingPosition: position.get(e.enrolmentId) } : {}) };
    })
    .sort((a, b) => a.groupId.localeCompare(b.groupId) || a.status.localeCompare(b.status) || (a.waitingPosition ?? 0) - (b.waitingPosition ?? 0) || a.child.localeCompare(b.child, 'ro'));
  return { serviceId, name: service.name, items };
}

// ── GET /cases/{caseId}/participation ────────────────────────────────────────────────────────────────────────────

export interface ServiceParticipation {
  serviceId: string;
  name: string;
  type: Service['type'];
  enrolments: ReturnType<typeof enrolmentView>[];
  summary: MonthlyParticipationSummary;
  evaluation: ParticipationEvaluation;
  rule: { description: string; confirmed: boolean };
  marks: MarkRecord[];
  sessions: StoredSession[];
}

/**
 * A child's participation in a month, per service (staff see only the services they work in). The evaluation is
 * computed from the summary alone — the same input the subsidy run uses.
 */
export async function caseParticipation(d: PathwayDeps, p: Principal, c: CaseRecord, month: string, grantedBy: Role) {
  const registers = new RegisterStore(d.db);
  const first = firstDayOf(month);
  const last = lastDayOf(month);
  const [enrolments, summaries, regs, close, closures] = await Promise.all([
    new EnrolmentStore(d.db).forCase(c.caseId),
    registers.summariesOfCase(c.caseId, month),
    registers.registersOfCase(c.caseId, first, last),
    registers.monthClose(month),
    closuresByService(d.db),
  ]);
  const staffOnly = grantedBy === 'centre_staff' || grantedBy === 'intervention_staff';
  const inMonth = enrolments.filter((e) => (e.status === 'active' || e.status === 'ended') && e.from <= last && (e.to === undefined || e.to >= first));
  const serviceIds = [...new Set([...inMonth.map((e) => e.serviceId), ...summaries.map((s) => s.serviceId)])].filter((id) => !staffOnly || p.services.includes(id));
  const services: ServiceParticipation[] = [];
  for (const id of serviceIds) {
    const service = serviceCatalogue.find((s) => s.id === id);
    if (!service) continue;
    const own = inMonth.filter((e) => e.serviceId === id);
    const summary = summaries.find((s) => s.serviceId === id) ?? emptySummary(c.caseId, month, id);
    const span = own.length
      ? { from: own.map((e) => e.from).sort()[0]!, ...(own.every((e) => e.to !== undefined) ? { to: own.map((e) => e.to!).sort().at(-1)! } : {}) }
      : { from: addDays(first, -1), to: addDays(first, -1) };
    // expected days: the service's open days of the month, public holidays and its closures excluded
    const monthOpenDays = openDaysInMonth(month, serviceCalendar(service, closures.get(id) ?? []));
    const evaluation = evaluateParticipation(summary, service.type, participationRules, span, month, { monthOpenDays });
    const rule = ruleFor(participationRules, service.type, id);
    services.push({
      serviceId: id, name: service.shortName, type: service.type, enrolments: own.map(enrolmentView), summary, evaluation,
      rule: { description: rule.description, confirmed: rule.confirmed },
      marks: regs.marks.filter((m) => m.serviceId === id).sort((a, b) => a.date.localeCompare(b.date)),
      sessions: regs.sessions.filter((s) => s.serviceId === id).sort((a, b) => a.date.localeCompare(b.date) || a.recordedAt.localeCompare(b.recordedAt)),
    });
  }
  return { caseId: c.caseId, caseNumber: c.caseNumber, month, monthClosed: close !== undefined, services };
}

/** Enrolments of a case (staff: only their services). */
export async function caseEnrolments(d: PathwayDeps, p: Principal, c: CaseRecord, grantedBy: Role) {
  const staffOnly = grantedBy === 'centre_staff' || grantedBy === 'intervention_staff';
  const store = new EnrolmentStore(d.db);
  const list = (await store.forCase(c.caseId)).filter((e) => !staffOnly || p.services.includes(e.serviceId));
  // a child on a waiting list: their place in it (first asked, first served), as the service's list shows it
  const items = await Promise.all(list.map(async (e) => {
    if (e.status !== 'waiting') return enrolmentView(e);
    const queue = (await store.ofGroup(e.serviceId, e.groupId, 'waiting')).sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
    const i = queue.findIndex((x) => x.enrolmentId === e.enrolmentId);
    return { ...enrolmentView(e), ...(i >= 0 ? { waitingPosition: i + 1 } : {}) };
  }));
  return { caseId: c.caseId, caseNumber: c.caseNumber, services: c.services, items };
}
