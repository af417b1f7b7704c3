/**
 * Reading the report facts from the main table (queries only, never a Scan) and the Roma plan's progress entries.
 *
 * - cases: the per-institution index (CaseStore.listByInstitution), all three partners;
 * - enrolments: the case's `ENR#…` items (shared/services/enrolment-store.ts); a case without any gets its approved
 *   plan's services (model.ts `planEnrolments`);
 * - paid months: the subsidy ledger `PAID#<caseId>` / `<YYYY-MM>` (written by the monthly run and the import);
 * - identity documents (Roma plan 6.1): `IDDOC#…` items in the case partition, listed through gsi1 `IDDOCS`;
 * - the first plan approval comes from the case history, read only for cases whose current plan is not the first
 *   approved one.
 * Item fields are read defensively: a malformed item is skipped, never a 500.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { institutionIds, type InstitutionId } from '../platform/auth/principal.js';
import type { CaseRecord } from '../cases/index.js';
import { progressEntrySchema, type ProgressEntry } from './roma-plan/plan.js';
import type { CaseStore } from '../cases/index.js';
import { queryAll, stripKeys, type Db } from '../platform/db/db.js';
import { dayOf, isIsoDate } from './dates.js';
import {
  entryDay, identityDocumentPersons, planEnrolments, toReportCase,
  type EnrolmentFact, type IdentityDocumentFact, type PaidMonthFact, type ReportCase, type ReportData,
} from './model.js';
import type { StoredProgress } from './roma-view.js';
import { mapLimit } from '../platform/concurrency.js';

type Item = Record<string, unknown>;



const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** A date or an instant → calendar day; anything else → undefined. */
function dayValue(v: unknown): string | undefined {
  const s = str(v);
  if (!s) return undefined;
  if (isIsoDate(s)) return s;
  return /T/.test(s) && !Number.isNaN(Date.parse(s)) ? dayOf(s) : undefined;
}

export function enrolmentFromItem(caseId: string, item: Item): EnrolmentFact | null {
  const serviceId = str(item.serviceId);
  const status = item.status;
  const from = dayValue(item.from) ?? dayValue(item.startDate) ?? dayValue(item.startedOn) ?? dayValue(item.startedAt);
  if (!serviceId || !from || (status !== 'active' && status !== 'waiting' && status !== 'ended')) return null;
  const to = dayValue(item.to) ?? dayValue(item.endDate) ?? dayValue(item.endedOn) ?? dayValue(item.endedAt);
  return { caseId, serviceId, groupId: str(item.groupId), status, from, ...(to ? { to } : {}), source: 'enrolment' };
}

export function paidFromItem(caseId: string, item: Item): PaidMonthFact | null {
  const month = str(item.month) ?? str(item.sk);
  const amount = typeof item.amountLei === 'number' ? item.amountLei : typeof item.amount === 'number' ? item.amount : undefined;
  if (!month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month) || amount === undefined || !Number.isFinite(amount)) return null;
  const paidOn = dayValue(item.paidAt) ?? dayValue(item.paidOn) ?? dayValue(item.createdAt) ?? dayValue(item.at) ?? null;
  return { caseId, month, amountLei: amount, paidOn };
}

export function identityDocumentFromItem(item: Item): IdentityDocumentFact | null {
  const caseId = str(item.caseId);
  const person = item.person;
  const obtainedOn = dayValue(item.obtainedOn);
  if (!caseId || !obtainedOn || !(identityDocumentPersons as readonly unknown[]).includes(person)) return null;
  return { caseId, person: person as IdentityDocumentFact['person'], document: str(item.document) ?? 'other', obtainedOn };
}

/** What reports know of one case. */
export interface CaseFacts {
  rc: ReportCase;
  enrolments: EnrolmentFact[];
  paid: PaidMonthFact[];
}

export class ReportReader {
  constructor(private readonly db: Db, private readonly cases: CaseStore, private readonly concurrency = 16) {}

  async caseRecords(): Promise<CaseRecord[]> {
    const lists = await Promise.all(institutionIds.map((i) => this.cases.listByInstitution(i, { limit: Number.MAX_SAFE_INTEGER })));
    const byId = new Map<string, CaseRecord>();
    for (const c of lists.flat()) byId.set(c.caseId, c);
    return [...byId.values()];
  }

  async enrolmentsOf(caseId: string): Promise<EnrolmentFact[]> {
    const items = await queryAll(this.db, {
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
      ExpressionAttributeValues: { ':p': `CASE#${caseId}`, ':s': 'ENR#' },
    });
    return items.map((i) => enrolmentFromItem(caseId, i)).filter((e): e is EnrolmentFact => e !== null);
  }

  async paidOf(caseId: string): Promise<PaidMonthFact[]> {
    const items = await queryAll(this.db, { KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `PAID#${caseId}` } });
    return items.map((i) => paidFromItem(caseId, i)).filter((p): p is PaidMonthFact => p !== null);
  }

  /** The first approval of any plan of the case, from its history. */
  async firstApproval(caseId: string): Promise<string | null> {
    const history = await this.cases.history(caseId);
    const approvals = history
      .filter((h) => h.action === 'task.submit.plan_approval' && (h.detail as { output?: { decision?: string } } | undefined)?.output?.decision === 'approved')
      .map((h) => h.at)
      .sort();
    return approvals[0] ?? null;
  }

  async identityDocuments(): Promise<IdentityDocumentFact[]> {
    const items = await queryAll(this.db, { IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': IDDOC_INDEX } });
    return items.map(identityDocumentFromItem).filter((d): d is IdentityDocumentFact => d !== null);
  }

  /** The report facts of one case: its report view, enrolments (or its plan's services) and paid months. */
  async caseFacts(c: CaseRecord): Promise<CaseFacts> {
    const [enrolments, paid] = await Promise.all([this.enrolmentsOf(c.caseId), this.paidOf(c.caseId)]);
    // the current plan is not the first approved one: look the first approval up in the history
    const replanned = c.cohort !== undefined && c.plan !== undefined && (c.plan.status !== 'approved' || c.plan.version > 1);
    const firstApprovalAt = replanned ? await this.firstApproval(c.caseId) : null;
    const rc = toReportCase(c, entryDay(c, enrolments, firstApprovalAt));
    return { rc, enrolments: enrolments.length > 0 ? enrolments : planEnrolments(c, rc), paid };
  }

  /** The report facts of a case by id; null when the case is gone (erased). */
  async factsOf(caseId: string): Promise<CaseFacts | null> {
    const c = await this.cases.get(caseId);
    return c ? this.caseFacts(c) : null;
  }

  /** Everything from the sources: every case's enrolments, paid months and history read (the projection's rebuild). */
  async load(): Promise<ReportData> {
    const [records, identityDocuments] = await Promise.all([this.caseRecords(), this.identityDocuments()]);
    return this.assemble(records, identityDocuments);
  }

  /**
   * The report data of these case records. A case whose enrolments, paid months and entry day are `known` (the
   * projection's, aggregate-store.ts) takes them from there and everything else from its record, as read now; the
   * others are read from their sources (`caseFacts`).
   */
  async assemble(records: readonly CaseRecord[], identityDocuments: IdentityDocumentFact[], known: ReadonlyMap<string, CaseFacts> = new Map()): Promise<ReportData> {
    const perCase = await mapLimit(records, this.concurrency, async (c): Promise<CaseFacts> => {
      const f = known.get(c.caseId);
      return f ? { rc: toReportCase(c, f.rc.enteredOn), enrolments: f.enrolments, paid: f.paid } : this.caseFacts(c);
    });
    return {
      cases: perCase.map((p) => p.rc),
      enrolments: perCase.flatMap((p) => p.enrolments),
      paid: perCase.flatMap((p) => p.paid),
      identityDocuments,
    };
  }
}

// ── Identity documents (Roma plan 6.1) ───────────────────────────────────────────────────────────────────────────

export const IDDOC_INDEX = 'IDDOCS';

export interface IdentityDocumentRecord {
  caseId: string;
  person: IdentityDocumentFact['person'];
  document: string;
  obtainedOn: string;
  notes?: string | undefined;
  recordedBy: string;
  recordedAt: string;
}

/** One record per case, person and document kind: a second one is refused by the condition (no double counting). */
export const identityDocumentKey = (caseId: string, person: string, document: string) => ({ pk: `CASE#${caseId}`, sk: `IDDOC#${person}#${document}` });

export function identityDocumentItem(tableName: string, r: IdentityDocumentRecord) {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...identityDocumentKey(r.caseId, r.person, r.document),
        entity: 'identity_document',
        gsi1pk: IDDOC_INDEX,
        gsi1sk: `${r.obtainedOn}#${r.caseId}#${r.person}#${r.document}`,
        ...r,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

// ── Roma plan progress ───────────────────────────────────────────────────────────────────────────────────────────

/**
 * Progress entries, append-only: every report is kept (the history), the view shows the latest per line.
 * One partition per plan year: `ROMAPLAN#<year>` / `PROG#<recordedAt>#<ulid>`.
 */
export class RomaProgressStore {
  constructor(private readonly db: Db) {}

  async record(year: number, entry: ProgressEntry, by: { name: string; institution: InstitutionId }): Promise<StoredProgress> {
    const parsed = progressEntrySchema.parse(entry);
    const stored: StoredProgress = { ...parsed, entryId: ulid(), year, recordedByName: by.name, recordedByInstitution: by.institution };
    await this.db.doc.send(new PutCommand({
      TableName: this.db.mainTable,
      Item: { pk: `ROMAPLAN#${year}`, sk: `PROG#${stored.recordedAt}#${stored.entryId}`, entity: 'roma_progress', ...stored },
      ConditionExpression: 'attribute_not_exists(pk)',
    }));
    return stored;
  }

  /** Every entry of the plan year, oldest first. */
  async list(year: number): Promise<StoredProgress[]> {
    const items = await queryAll(this.db, {
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
      ExpressionAttributeValues: { ':p': `ROMAPLAN#${year}`, ':s': 'PROG#' },
    });
    return items.map((i) => stripKeys<StoredProgress>(i));
  }
}
