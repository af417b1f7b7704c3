/**
 * Incomplete registers (issue #17, pure): for an attendance service, every expected day — an open day of the service
 * (public holidays and closures removed) on which the child held a place — must carry a mark before the month is
 * evaluated. Listed per centre and group, for the month-close page and the monthly run's summary.
 */
import type { ParticipationRules } from '../participation-rules.js';
import { ruleFor } from '../participation-rules.js';
import { getService } from '../catalogue.js';
import type { Period } from '../calendar.js';

export interface HeldPlace {
  caseId: string;
  caseNumber?: string | undefined;
  serviceId: string;
  groupId: string;
  periods: readonly Period[];
}

export interface GroupIncompleteRegister {
  serviceId: string;
  serviceName: string;
  groupId: string;
  groupName: string;
  /** children with at least one unmarked expected day */
  children: number;
  /** unmarked expected days, all children together */
  unrecordedDays: number;
  /** case numbers (never names) of the children, for the coordinator's follow-up */
  caseNumbers: string[];
}

/** Registers with unmarked expected days, per service and group, sorted; `marked` = marks per case and service. */
export function incompleteRegistersByGroup(
  places: readonly HeldPlace[],
  marked: (caseId: string, serviceId: string) => number,
  openDays: (serviceId: string) => readonly string[],
  rules: ParticipationRules,
): GroupIncompleteRegister[] {
  const byCaseService = new Map<string, HeldPlace[]>();
  for (const p of places) byCaseService.set(`${p.caseId}#${p.serviceId}`, [...(byCaseService.get(`${p.caseId}#${p.serviceId}`) ?? []), p]);
  const out = new Map<string, GroupIncompleteRegister>();
  for (const list of byCaseService.values()) {
    const { caseId, serviceId } = list[0]!;
    const service = getService(serviceId);
    if (!service) continue;
    const rule = ruleFor(rules, service.type, serviceId);
    if (rule.kind !== 'attendance' || !rule.requireCompleteRegister) continue;
    const periods = list.flatMap((p) => p.periods);
    const expected = openDays(serviceId).filter((d) => periods.some((p) => d >= p.from && (p.to === undefined || d <= p.to)));
    const missing = expected.length - marked(caseId, serviceId);
    if (missing <= 0) continue;
    // the group the child was in last in the month
    const last = [...list].sort((a, b) => (a.periods.at(-1)?.from ?? '').localeCompare(b.periods.at(-1)?.from ?? '')).at(-1)!;
    const key = `${serviceId}#${last.groupId}`;
    const row = out.get(key) ?? {
      serviceId, serviceName: service.shortName, groupId: last.groupId,
      groupName: service.groups.find((g) => g.id === last.groupId)?.name ?? last.groupId, children: 0, unrecordedDays: 0, caseNumbers: [],
    };
    row.children += 1;
    row.unrecordedDays += missing;
    if (last.caseNumber) row.caseNumbers.push(last.caseNumber);
    out.set(key, row);
  }
  return [...out.values()].map((r) => ({ ...r, caseNumbers: r.caseNumbers.sort() })).sort((a, b) => a.serviceId.localeCompare(b.serviceId) || a.groupId.localeCompare(b.groupId));
}
