/**
 * The import workbook as DATA: one sheet per kind of record, each column with its Romanian header, whether it is
 * required, how its cells are read, the values it allows, a description and the example row's value. The template
 * (template.ts), the reader (workbook.ts), the row validation (rows.ts) and the report all read this one definition,
 * so a column renamed here is renamed everywhere.
 */
import { closureReasonLabels, closureReasons, referralSourceLabels, referralSources } from '../cases/index.js';
import { endReasonLabels, endReasons } from '../services/index.js';
import { riskFactors } from '../cases/index.js';
import { serviceCatalogue } from '../services/index.js';
import { subsidyConfig } from '../subsidies/index.js';

export const sheetIds = ['children', 'plans', 'enrolments', 'participation', 'payments'] as const;
export type SheetId = (typeof sheetIds)[number];

export type CellKind = 'text' | 'date' | 'month' | 'int' | 'money' | 'bool' | 'enum' | 'list' | 'enumList';

export interface AllowedValue {
  /** the value stored in Vatra */
  readonly value: string;
  /** what staff write in the cell (Romanian); the value itself is accepted too */
  readonly label: string;
  /** other accepted spellings */
  readonly aliases?: readonly string[];
}

export interface ColumnSpec {
  readonly key: string;
  readonly header: string;
  /** true: always; 'conditional': depends on other cells (explained in the description) */
  readonly required: boolean | 'conditional';
  readonly kind: CellKind;
  readonly values?: readonly AllowedValue[];
  readonly description: string;
  readonly example: string | number | null;
  /** column width in the template */
  readonly width?: number;
}

export interface SheetSpec {
  readonly id: SheetId;
  readonly name: string;
  readonly description: string;
  /** the children sheet must be present; the others may be left out */
  readonly required: boolean;
  readonly columns: readonly ColumnSpec[];
}

/** Rows whose child code starts with this are the template's example rows: reported as ignored, never imported. */
export const EXAMPLE_PREFIX = 'EXEMPLU';

const yesNo: readonly AllowedValue[] = [
  { value: 'true', label: 'da', aliases: ['d', 'x', '1', 'true', 'yes'] },
  { value: 'false', label: 'nu', aliases: ['n', '0', 'false', 'no', '-'] },
];

export const trackValues: readonly AllowedValue[] = [
  { value: 'prevention', label: 'prevenire', aliases: ['prevenirea separarii', 'das'] },
  { value: 'reintegration', label: 'reintegrare', aliases: ['reintegrare in familie', 'dgaspc'] },
];

/** Stages a case can be imported at: the ones where a workflow can take it over (see docs/decisions/011-import.md). */
export const importStages = ['evaluation', 'services', 'monitoring', 'closed'] as const;
export type ImportStage = (typeof importStages)[number];

export const stageValues: readonly AllowedValue[] = [
  { value: 'evaluation', label: 'evaluare', aliases: ['evaluare initiala', 'sesizare'] },
  { value: 'services', label: 'servicii', aliases: ['in servicii', 'plan aprobat', 'servicii si revizuire'] },
  { value: 'monitoring', label: 'monitorizare', aliases: ['monitorizare post-reintegrare', 'reintegrat'] },
  { value: 'closed', label: 'închis', aliases: ['inchis', 'caz inchis'] },
];

const ethnicityValues: readonly AllowedValue[] = [
  { value: 'roma', label: 'romă', aliases: ['rom', 'roma', 'romi'] },
  { value: 'not_roma', label: 'alta', aliases: ['nu', 'alta etnie', 'non-roma'] },
  { value: 'not_declared', label: 'nedeclarată', aliases: ['nedeclarat', 'nu declara', '-'] },
];

const relationValues: readonly AllowedValue[] = [
  { value: 'mother', label: 'mamă', aliases: ['mama'] },
  { value: 'father', label: 'tată', aliases: ['tata'] },
  { value: 'grandparent', label: 'bunic/bunică', aliases: ['bunic', 'bunica'] },
  { value: 'relative', label: 'rudă', aliases: ['ruda'] },
  { value: 'guardian', label: 'tutore' },
  { value: 'foster_parent', label: 'asistent maternal', aliases: ['asistenta maternala'] },
  { value: 'other', label: 'altă relație', aliases: ['alta', 'alta relatie'] },
];

const consentPurposeValues: readonly AllowedValue[] = [
  { value: 'case_management', label: 'managementul cazului' },
  { value: 'services', label: 'servicii', aliases: ['participarea la servicii'] },
  { value: 'subsidy', label: 'subvenție', aliases: ['subventia lunara'] },
  { value: 'data_processing', label: 'prelucrarea datelor', aliases: ['prelucrarea datelor personale'] },
];

const consentByValues: readonly AllowedValue[] = [
  { value: 'parent', label: 'părinte' },
  { value: 'legal_representative', label: 'reprezentant legal' },
  { value: 'child', label: 'copil' },
];

const cohortValues: readonly AllowedValue[] = subsidyConfig.cohorts.map((c) => ({
  value: c.id,
  label: `${c.minMonths} luni`,
  aliases: [String(c.minMonths), `${c.minMonths}l`],
}));

export const serviceValues: readonly AllowedValue[] = serviceCatalogue.map((s) => ({ value: s.id, label: s.shortName, aliases: [s.name] }));

const sourceValues: readonly AllowedValue[] = referralSources.map((s) => ({ value: s, label: referralSourceLabels[s] }));
const riskValues: readonly AllowedValue[] = riskFactors.map((r) => ({ value: r.code, label: r.label }));
const closureValues: readonly AllowedValue[] = closureReasons.map((r) => ({ value: r, label: closureReasonLabels[r] }));
const endReasonValues: readonly AllowedValue[] = endReasons.map((r) => ({ value: r, label: endReasonLabels[r] }));

const childCode: ColumnSpec = {
  key: 'code', header: 'Cod copil', required: true, kind: 'text', width: 16, example: `${EXAMPLE_PREFIX}-1`,
  description: 'Codul copilului din evidența partenerului (unic în fișier; litere, cifre, „-”, „/”, „.”). Leagă rândurile din toate foile. Rândurile cu codul care începe cu „EXEMPLU” sunt ignorate.',
};

export const sheets: readonly SheetSpec[] = [
  {
    id: 'children',
    name: 'Copii și cazuri',
    required: true,
    description: 'Un rând pentru fiecare copil: datele copilului, ale reprezentantului legal, sesizarea și etapa la care se află cazul.',
    columns: [
      childCode,
      { key: 'track', header: 'Traseu', required: true, kind: 'enum', values: trackValues, example: 'prevenire', description: 'prevenire (DAS, plan de servicii) sau reintegrare (DGASPC, plan individualizat de protecție).' },
      { key: 'stage', header: 'Etapa', required: true, kind: 'enum', values: stageValues, example: 'servicii', description: 'evaluare (sesizare înregistrată, evaluarea inițială nu e gata), servicii (plan aprobat, copilul în servicii), monitorizare (reintegrat, monitorizare post-reintegrare; doar traseul reintegrare) sau închis.' },
      { key: 'firstName', header: 'Prenume copil', required: true, kind: 'text', example: 'Ionela', description: 'Prenumele copilului.' },
      { key: 'lastName', header: 'Nume copil', required: true, kind: 'text', example: 'Exemplu', description: 'Numele de familie al copilului.' },
      { key: 'birthDate', header: 'Data nașterii', required: true, kind: 'date', example: '2014-05-17', description: 'AAAA-LL-ZZ sau ZZ.LL.AAAA (sau o celulă de tip dată).' },
      { key: 'sex', header: 'Sex', required: false, kind: 'enum', values: [{ value: 'M', label: 'M', aliases: ['masculin', 'b', 'baiat'] }, { value: 'F', label: 'F', aliases: ['feminin', 'f', 'fata'] }], example: 'F', description: 'M sau F.' },
      { key: 'cnp', header: 'CNP', required: false, kind: 'text', example: null, description: '13 cifre; se verifică cifra de control și concordanța cu data nașterii.' },
      { key: 'residenceCity', header: 'Localitatea de domiciliu', required: true, kind: 'text', example: 'Timișoara', description: 'Pe traseul de prevenire: Timișoara.' },
      { key: 'address', header: 'Adresa', required: false, kind: 'text', example: null, description: 'Opțional.' },
      { key: 'school', header: 'Școala', required: false, kind: 'text', example: null, description: 'Opțional.' },
      { key: 'ethnicity', header: 'Etnie (autodeclarată)', required: false, kind: 'enum', values: ethnicityValues, example: 'nedeclarată', description: 'romă, alta sau nedeclarată (implicit nedeclarată). Categorie specială de date (GDPR art. 9): completați doar ce a declarat familia.' },
      { key: 'disability', header: 'Dizabilitate', required: false, kind: 'bool', values: yesNo, example: 'nu', description: 'da / nu (implicit nu).' },
      { key: 'inSpecialProtection', header: 'Măsură de protecție specială', required: false, kind: 'bool', values: yesNo, example: 'nu', description: 'da / nu. Obligatoriu „da” pe traseul de reintegrare.' },
      { key: 'repFirstName', header: 'Prenume reprezentant legal', required: true, kind: 'text', example: 'Maria', description: 'Părintele sau reprezentantul legal care primește subvenția.' },
      { key: 'repLastName', header: 'Nume reprezentant legal', required: true, kind: 'text', example: 'Exemplu', description: '' },
      { key: 'repRelation', header: 'Relația cu copilul', required: true, kind: 'enum', values: relationValues, example: 'mamă', description: `${relationValues.map((v) => v.label).join(', ')}.` },
      { key: 'repPhone', header: 'Telefon reprezentant', required: false, kind: 'text', example: null, description: 'Opțional; 9–15 cifre.' },
      { key: 'iban', header: 'IBAN reprezentant', required: false, kind: 'text', example: null, description: 'Cont bancar românesc (RO…), pentru plata subvenției.' },
      { key: 'source', header: 'Sursa sesizării', required: true, kind: 'enum', values: sourceValues, example: referralSourceLabels.school, description: `${sourceValues.map((v) => v.label).join(', ')}.` },
      { key: 'referralDate', header: 'Data sesizării', required: true, kind: 'date', example: '2025-04-03', description: 'Data înregistrării sesizării / referirii; este și data deschiderii cazului.' },
      { key: 'reason', header: 'Motivul sesizării', required: true, kind: 'text', example: 'Absențe școlare repetate și risc de separare (exemplu).', description: 'Cel puțin 10 caractere.' },
      { key: 'riskFactors', header: 'Factori de risc', required: true, kind: 'enumList', values: riskValues, example: riskFactors.find((r) => r.code === 'school_dropout')!.label, description: 'Unul sau mai mulți, separați prin „;”. Valorile sunt în foaia „Valori permise”.' },
      { key: 'caseManager', header: 'Manager de caz', required: true, kind: 'text', example: 'manager.das', description: 'Utilizatorul sau adresa de e-mail a managerului de caz în Vatra (trebuie să se fi autentificat cel puțin o dată).' },
      { key: 'consentDate', header: 'Data acordului', required: 'conditional', kind: 'date', example: '2025-04-10', description: 'Data acordului scris al părintelui / reprezentantului legal. Obligatoriu la etapele servicii și monitorizare.' },
      { key: 'consentPurposes', header: 'Scopurile acordului', required: 'conditional', kind: 'enumList', values: consentPurposeValues, example: consentPurposeValues.map((v) => v.label).join('; '), description: `Separate prin „;”: ${consentPurposeValues.map((v) => v.label).join(', ')}. Serviciile cer managementul cazului, servicii și prelucrarea datelor; subvenția cere „subvenție”.` },
      { key: 'consentBy', header: 'Acord dat de', required: false, kind: 'enum', values: consentByValues, example: 'părinte', description: 'părinte, reprezentant legal sau copil (implicit părinte).' },
      { key: 'reintegrationDate', header: 'Data reintegrării', required: 'conditional', kind: 'date', example: null, description: 'Obligatoriu la etapa monitorizare.' },
      { key: 'closedOn', header: 'Data închiderii', required: 'conditional', kind: 'date', example: null, description: 'Obligatoriu la etapa închis.' },
      { key: 'closureReason', header: 'Motivul închiderii', required: 'conditional', kind: 'enum', values: closureValues, example: null, description: `Obligatoriu la etapa închis: ${closureValues.map((v) => v.label).join(', ')}.` },
      { key: 'closingEvaluation', header: 'Evaluarea finală (rezumat)', required: false, kind: 'text', example: null, description: 'Opțional la etapa închis (cel puțin 10 caractere).' },
      { key: 'sharedWithGal', header: 'Partajat cu GAL', required: false, kind: 'bool', values: yesNo, example: 'nu', description: 'da dacă GAL Colinele Recaș lucrează cu familia (intervențiile A și B).' },
    ],
  },
  {
    id: 'plans',
    name: 'Planuri',
    required: false,
    description: 'Planul aprobat în vigoare (PS pe prevenire, PIP pe reintegrare): un rând pentru fiecare copil aflat în servicii, în monitorizare sau închis după un plan.',
    columns: [
      childCode,
      { key: 'approvedOn', header: 'Data aprobării', required: true, kind: 'date', example: '2025-04-28', description: 'Data aprobării planului de către coordonator.' },
      { key: 'cohort', header: 'Cohorta', required: true, kind: 'enum', values: cohortValues, example: cohortValues[0]!.label, description: `Cohorta de subvenție: ${cohortValues.map((v) => v.label).join(' sau ')}. Locurile sunt limitate (${subsidyConfig.cohorts.map((c) => `${c.quota} copii în cohorta de ${c.minMonths} luni`).join(', ')}).` },
      { key: 'reviewDate', header: 'Data următoarei revizuiri', required: true, kind: 'date', example: '2026-12-15', description: 'Termenul revizuirii periodice; sarcina de revizuire se deschide cu acest termen.' },
      { key: 'objectives', header: 'Obiective', required: true, kind: 'list', example: 'Frecvență școlară regulată; Părintele participă la consiliere', description: 'Unul sau mai multe, separate prin „;” (fiecare cel puțin 5 caractere).' },
      { key: 'services', header: 'Servicii', required: true, kind: 'enumList', values: serviceValues, example: 'cz-sf-nicolae', description: 'Codurile serviciilor din plan, separate prin „;” (foaia „Valori permise”).' },
      { key: 'responsible', header: 'Responsabil', required: true, kind: 'text', example: 'Ana Exemplu', description: 'Persoana responsabilă de serviciile planului.' },
      { key: 'frequency', header: 'Frecvența', required: false, kind: 'text', example: null, description: 'Opțional (de exemplu „zilnic”).' },
      { key: 'observatorNumber', header: 'Nr. înregistrare Observator', required: false, kind: 'text', example: null, description: 'Numărul din Observatorul Național al Copilului; dacă lipsește, Vatra deschide sarcina de înregistrare.' },
      { key: 'observatorDate', header: 'Data înregistrării Observator', required: 'conditional', kind: 'date', example: null, description: 'Obligatoriu împreună cu numărul de înregistrare.' },
      { key: 'notes', header: 'Observații', required: false, kind: 'text', example: null, description: 'Opțional.' },
    ],
  },
  {
    id: 'enrolments',
    name: 'Înscrieri',
    required: false,
    description: 'Înscrierile copiilor la serviciile proiectului (în curs sau încheiate); un rând pentru fiecare înscriere.',
    columns: [
      childCode,
      { key: 'service', header: 'Serviciu', required: true, kind: 'enum', values: serviceValues, example: 'cz-sf-nicolae', description: 'Codul serviciului (foaia „Valori permise”).' },
      { key: 'group', header: 'Grupa', required: false, kind: 'text', example: 'g2', description: 'Codul grupei; dacă lipsește, prima grupă cu locuri libere.' },
      { key: 'from', header: 'Data înscrierii', required: true, kind: 'date', example: '2025-05-05', description: 'Cel mai devreme la începutul proiectului.' },
      { key: 'to', header: 'Data încheierii', required: false, kind: 'date', example: null, description: 'Goală dacă înscrierea este în curs.' },
      { key: 'endReason', header: 'Motivul încheierii', required: false, kind: 'enum', values: endReasonValues, example: null, description: `Opțional, pentru o înscriere încheiată: ${endReasonValues.map((v) => v.label).join(', ')}.` },
    ],
  },
  {
    id: 'participation',
    name: 'Participare lunară',
    required: false,
    description: 'Participarea lunară a copilului la fiecare serviciu: zile (centre de zi) sau ședințe (intervenții, centrul de recuperare).',
    columns: [
      childCode,
      { key: 'month', header: 'Luna', required: true, kind: 'month', example: '2026-10', description: 'AAAA-LL (sau LL.AAAA).' },
      { key: 'service', header: 'Serviciu', required: true, kind: 'enum', values: serviceValues, example: 'cz-sf-nicolae', description: 'Codul serviciului; copilul trebuie să fi fost înscris în luna respectivă (foaia „Înscrieri”).' },
      { key: 'scheduledDays', header: 'Zile cu prezența consemnată', required: false, kind: 'int', example: 20, description: 'Prezent + absent + absențe motivate; dacă lipsește se calculează.' },
      { key: 'presentDays', header: 'Zile prezent', required: false, kind: 'int', example: 18, description: 'Implicit 0.' },
      { key: 'absentDays', header: 'Zile absent', required: false, kind: 'int', example: 1, description: 'Implicit 0.' },
      { key: 'excusedDays', header: 'Zile absențe motivate', required: false, kind: 'int', example: 1, description: 'Implicit 0.' },
      { key: 'sessions', header: 'Ședințe', required: false, kind: 'int', example: 0, description: 'Ședințe la care copilul a participat (sau ședințe cu familia). Implicit 0.' },
      { key: 'parentSessions', header: 'Ședințe părinți', required: false, kind: 'int', example: 0, description: 'Ședințe de consiliere / abilități parentale ale părinților. Implicit 0.' },
    ],
  },
  {
    id: 'payments',
    name: 'Subvenții plătite',
    required: false,
    description: 'Lunile de subvenție deja plătite (o lună a unui copil o singură dată), cu referința plății. Vatra nu le mai plătește a doua oară.',
    columns: [
      childCode,
      { key: 'month', header: 'Luna', required: true, kind: 'month', example: '2025-05', description: 'Luna pentru care s-a plătit (AAAA-LL), în perioada proiectului.' },
      { key: 'amount', header: 'Suma (lei)', required: true, kind: 'money', example: 400, description: 'Suma configurată pentru luna respectivă (400 lei).' },
      { key: 'reference', header: 'Referința plății', required: true, kind: 'text', example: 'OP-2025-0601-001', description: 'Numărul ordinului de plată sau al borderoului (unic în fișier).' },
      { key: 'paidOn', header: 'Data plății', required: false, kind: 'date', example: '2025-06-10', description: 'Opțional.' },
    ],
  },
];

export function sheetSpec(id: SheetId): SheetSpec {
  return sheets.find((s) => s.id === id)!;
}

export function columnSpec(sheet: SheetId, key: string): ColumnSpec | undefined {
  return sheetSpec(sheet).columns.find((c) => c.key === key);
}

/** Lower case, no diacritics (ș/ş, ț/ţ alike), no punctuation other than spaces: how headers and labels are compared. */
export function normaliseLabel(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[*:]/g, '')
    .replace(/[._/()\-–—]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The stored value for a label, code or alias; undefined when not allowed. */
export function matchValue(values: readonly AllowedValue[], raw: string): string | undefined {
  const n = normaliseLabel(raw);
  if (!n) return undefined;
  for (const v of values) {
    if (normaliseLabel(v.value) === n || normaliseLabel(v.label) === n || v.aliases?.some((a) => normaliseLabel(a) === n)) return v.value;
  }
  return undefined;
}

export const headerOf = (sheet: SheetId, key: string): string => columnSpec(sheet, key)?.header ?? key;
