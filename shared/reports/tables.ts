/** Tabular forms of the reports (one source for XLSX, CSV and the printable HTML). Romanian headers. */
import { localDate } from '../platform/calendar.js';
import { institutionIds } from '../platform/auth/principal.js';
import { getInstitution } from '../project/institutions.js';
import { progressStatusLabels, type QuarterKey } from './roma-plan/plan.js';
import type { PresentedIndicatorSet, PresentedRomaPlanView } from './present.js';

export type TableCell = string | number | null;

export interface Table {
  /** sheet name (≤ 31 characters) */
  name: string;
  title: string;
  headers: string[];
  rows: TableCell[][];
  /** lines printed under the table: definitions, suppression note */
  notes: string[];
}

const pct = (p: number | null): TableCell => (p === null ? null : Math.round(p * 1000) / 10);

export function indicatorTable(set: PresentedIndicatorSet): Table {
  const notes = [
    `Situație la data de ${set.asOf}. Copiii sunt numărați o singură dată, chiar dacă au avut mai multe cazuri.`,
    ...(set.suppression.applied ? [`Numerele mai mici de ${set.suppression.threshold} care privesc etnia sunt suprimate („${set.suppression.label}”), inclusiv o a doua celulă acolo unde cea suprimată s-ar putea deduce prin scădere.`] : []),
  ];
  return {
    name: 'Indicatori',
    title: `Indicatorii proiectului la ${set.asOf}`,
    headers: ['Grupa', 'Indicator', 'Unitate', 'Valoare', 'Ținta', 'Realizare (%)', ...institutionIds.map((i) => getInstitution(i).shortName), 'Observații'],
    rows: set.indicators.map((i) => [
      i.groupLabel,
      i.label,
      i.unitLabel,
      i.suppressed ? i.display : i.value,
      i.target,
      pct(i.progress),
      ...institutionIds.map((inst) => (i.byInstitution[inst].suppressed ? i.byInstitution[inst].display : i.byInstitution[inst].value)),
      i.note,
    ]),
    notes,
  };
}

const trackingLabel = { computed: 'Calculat de Vatra', manual: 'Raportat de structura responsabilă' } as const;

export function romaPlanTable(view: PresentedRomaPlanView): Table {
  const rows: TableCell[][] = [];
  for (const o of view.objectives) {
    for (const a of o.actions) {
      for (const l of a.lines) {
        const e = l.latest;
        rows.push([
          o.id,
          a.id,
          a.text,
          l.structure,
          l.indicator,
          l.target,
          trackingLabel[l.tracking],
          l.computed ? (l.computed.suppressed ? l.computed.display : l.computed.value) : (e?.value ?? null),
          l.computed ? `Calculat ${l.computed.from} – ${l.computed.to}` : e ? progressStatusLabels[e.status] : 'Neraportat',
          e?.quarter ?? null,
          e?.evidenceNotes ?? null,
          e?.recordedByName ?? null,
          e?.recordedAt ? localDate(e.recordedAt) : null,
          a.deadline.text,
        ]);
      }
    }
  }
  return {
    name: `Plan romi ${view.year}`,
    title: `${view.title} — stadiul la ${view.asOf}${view.upToQuarter ? ` (raportări până la ${view.upToQuarter})` : ''}`,
    headers: ['Obiectiv', 'Acțiune', 'Descrierea acțiunii', 'Structura', 'Indicator', 'Ținta', 'Mod de urmărire', 'Valoare', 'Stadiu', 'Trimestrul raportării', 'Dovezi și observații', 'Raportat de', 'Data raportării', 'Termen'],
    rows,
    notes: [
      'Acțiunile 2.3, 2.4, 2.5 și 6.1 (rândurile marcate „Calculat de Vatra”) sunt numărate din datele cazurilor și nu se introduc manual.',
      ...(view.audience === 'outside_team' ? ['Numerele de copii romi mai mici de 5 sunt suprimate („<5”).'] : []),
    ],
  };
}

/** One quarter's manual reports, for the quarterly report's annex. */
export function quarterEntries(view: PresentedRomaPlanView, quarter: QuarterKey) {
  return view.objectives.flatMap((o) => o.actions.flatMap((a) => a.lines
    .filter((l) => l.quarters[quarter])
    .map((l) => ({ actionId: a.id, structure: l.structure, entry: l.quarters[quarter]! }))));
}
