/**
 * Incomplete registers of a month, for the month-close page: per centre (day / recovery centre), the children whose
 * days are not all marked — fewer days marked on the attendance sheet (present, absent or excused) than the open days
 * they held a place (`enrolledDays`, set when the place changes and at month close). Interventions keep sessions, not
 * daily sheets: they never count as incomplete here. Pure; the summaries are read by the caller.
 */
import type { Service } from '../catalogue.js';
import type { StoredSummary } from '../register-store.js';

export interface IncompleteRegister {
  serviceId: string;
  serviceName: string;
  /** children with at least one unmarked day */
  children: number;
  /** unmarked child-days in all */
  unmarkedDays: number;
  /** the enrolled child-days of the month */
  enrolledDays: number;
}

export function incompleteRegisters(summaries: readonly StoredSummary[], catalogue: readonly Pick<Service, 'id' | 'name' | 'type'>[]): IncompleteRegister[] {
  const byService = new Map<string, IncompleteRegister>();
  for (const s of summaries) {
    const service = catalogue.find((x) => x.id === s.serviceId);
    if (!service || service.type === 'intervention' || typeof s.enrolledDays !== 'number') continue;
    const marked = s.presentDays + s.absentDays + s.excusedDays;
    const missing = Math.max(0, s.enrolledDays - marked);
    const row = byService.get(s.serviceId) ?? { serviceId: s.serviceId, serviceName: service.name, children: 0, unmarkedDays: 0, enrolledDays: 0 };
    row.enrolledDays += s.enrolledDays;
    if (missing > 0) {
      row.children += 1;
      row.unmarkedDays += missing;
    }
    byService.set(s.serviceId, row);
  }
  return [...byService.values()].filter((r) => r.children > 0).sort((a, b) => b.unmarkedDays - a.unmarkedDays || a.serviceName.localeCompare(b.serviceName, 'ro'));
}
