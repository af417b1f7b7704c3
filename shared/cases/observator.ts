/**
 * The fields the Observatorul Național al Copilului registration asks for (Law 156/2023), from the case file.
 * Vatra does not talk to the national system: staff register the plan there and record the number back in Vatra.
 */
import { localDate } from '../platform/calendar.js';
import { toCsv } from '../platform/files/csv.js';
import { closureReasonLabels, trackConfig } from './config.js';
import type { CaseRecord } from './model.js';

export function observatorExport(c: CaseRecord) {
  const plan = c.plan;
  const fields = {
    numarCaz: c.caseNumber,
    institutie: c.institution,
    nume: c.child.lastName,
    prenume: c.child.firstName,
    cnp: c.child.cnp ?? '',
    dataNasterii: c.child.birthDate,
    localitate: c.child.residenceCity,
    tipPlan: plan ? trackConfig[c.track].planLabel : '',
    versiunePlan: plan?.version ?? '',
    dataAprobarii: plan?.approvedAt ? localDate(plan.approvedAt) : '',
    obiective: plan?.objectives.map((o) => o.text).join(' | ') ?? '',
    servicii: plan?.services.map((s) => s.serviceId).join(', ') ?? '',
    dataRevizuirii: plan?.reviewDate ?? '',
    numarInregistrare: plan?.observator?.registrationNumber ?? '',
    dataInregistrarii: plan?.observator?.registrationDate ?? '',
    motivInchidere: c.closure ? closureReasonLabels[c.closure.reason] : '',
  };
  const header = ['Număr caz', 'Instituție', 'Nume', 'Prenume', 'CNP', 'Data nașterii', 'Localitate', 'Tip plan', 'Versiune plan', 'Data aprobării', 'Obiective', 'Servicii', 'Data revizuirii', 'Număr înregistrare Observator', 'Data înregistrării', 'Motiv închidere'];
  // names, objectives and places are typed by people: guarded against spreadsheet formulas (no field is a number)
  const csv = toCsv([header, Object.values(fields).map(String)], { guardFormulas: true });
  return { fields, csv };
}
