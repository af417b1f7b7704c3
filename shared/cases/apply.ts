/**
 * What a submitted task form does to a case — a pure function. It validates the decision against the track's
 * configuration and the business rules, and returns the new case, the history summary and the output the workflow
 * branches on. No I/O: the caller writes the result in one transaction and resumes the workflow.
 */
import { localDate } from '../platform/calendar.js';
import { ulid } from 'ulid';
import { decisionLabels, stageLabels, taskKindLabels, trackConfig, type TaskKind } from './config.js';
import type { CaseRecord, Consent, SubmittedTaskForm, TaskForms } from './model.js';
import { invalid } from '../platform/errors.js';
import { isDecisionAllowed } from './rules/transitions.js';
import { canStartServices } from '../protection/index.js';
import { getService } from '../services/index.js';
import { maxReviewDate } from './due.js';
import type { Actor } from './store.js';
import type { CohortId } from '../subsidies/index.js';
import { assignCohort } from '../subsidies/index.js';
import { countRo, nouns } from '../platform/i18n/plural.js';

export interface Applied {
  after: CaseRecord;
  summary: string;
  output: Record<string, unknown>;
  /** follow-up: an Observatorul registration task to open beside the stage */
  openObservatorTask?: boolean;
}

const localDay = (d: Date) => localDate(d);

function toConsent(f: { given: boolean; givenByRelation: string; givenByName?: string | undefined; date: string; purposes: string[] }): Consent {
  return { given: f.given, givenByRelation: f.givenByRelation, date: f.date, purposes: f.purposes, ...(f.givenByName ? { givenByName: f.givenByName } : {}) };
}

/** A field its form's schema requires for this decision (its superRefine): missing here would be a bug, not a user's error. */
function required<T>(v: T | undefined, field: string): T {
  if (v === undefined) throw new Error(`task form without ${field}: its schema requires it for this decision`);
  return v;
}

/** What a decision needs beyond the case: places already taken in each cohort (loaded for plan approvals only). */
export interface ApplyContext {
  cohortCounts?: Partial<Record<CohortId, number>>;
}

/** `form` is the task kind's form as its schema (`taskFormSchema(kind)`) parsed it. */
export function applyTaskForm<K extends TaskKind>(c: CaseRecord, kind: K, form: TaskForms[K], actor: Actor, now: Date, ctx: ApplyContext = {}): Applied {
  // the kind and its form travel together from here: switching on the kind narrows the form
  return applySubmitted(c, { kind, form } as SubmittedTaskForm, actor, now, ctx);
}

// eslint-disable-next-line complexity
function applySubmitted(c: CaseRecord, submitted: SubmittedTaskForm, actor: Actor, now: Date, ctx: ApplyContext): Applied {
  const { kind } = submitted;
  const at = now.toISOString();
  const today = localDay(now);
  const base: CaseRecord = { ...c, updatedAt: at };
  const decisionOk = (d: string) => {
    if (!isDecisionAllowed(c.track, kind, d)) {
      throw invalid('DECISION_NOT_ALLOWED', `Decizia „${decisionLabels[d] ?? d}” nu este permisă pe traseul „${trackConfig[c.track].label}”.`, [{ path: 'decision', message: 'Decizie nepermisă pentru acest traseu', code: 'DECISION_NOT_ALLOWED' }]);
    }
  };
  const reviewDateOk = (date: string, field: string) => {
    const max = maxReviewDate(c.plan?.type ?? trackConfig[c.track].planType, now);
    if (date <= today) throw invalid('REVIEW_DATE_PAST', 'Data revizuirii trebuie să fie în viitor.', [{ path: field, message: 'Data trebuie să fie după ziua de azi', code: 'REVIEW_DATE_PAST' }]);
    if (date > max.date) {
      throw invalid('REVIEW_TOO_LATE', `Revizuirea trebuie făcută cel târziu la ${max.date} (${max.source}).`, [{ path: field, message: `Cel târziu ${max.date}`, code: 'REVIEW_TOO_LATE' }]);
    }
  };

  switch (submitted.kind) {
    case 'evaluation': {
      const { form } = submitted;
      decisionOk(form.decision);
      const after: CaseRecord = { ...base, evaluation: { ...form, completedAt: at, completedBy: actor.userId } };
      if (form.consent?.given) after.consent = toConsent(form.consent);
      const risk = { low: 'scăzut', medium: 'mediu', high: 'ridicat' }[form.riskLevel];
      return { after, summary: `Evaluare inițială finalizată (risc ${risk}); decizie: ${decisionLabels[form.decision]}`, output: { decision: form.decision, closeReason: form.closeReason ?? null } };
    }
    case 'plan': {
      const { form } = submitted;
      const planType = trackConfig[c.track].planType;
      for (const [i, s] of form.services.entries()) {
        const svc = getService(s.serviceId);
        if (!svc) throw invalid('UNKNOWN_SERVICE', 'Serviciul ales nu există în catalog.', [{ path: `services.${i}.serviceId`, message: 'Serviciu necunoscut', code: 'UNKNOWN_SERVICE' }]);
        if (svc.tracks && !svc.tracks.includes(c.track)) {
          throw invalid('SERVICE_NOT_FOR_TRACK', `Serviciul „${svc.name}” nu este disponibil pe acest traseu.`, [{ path: `services.${i}.serviceId`, message: 'Serviciu nepermis pe acest traseu', code: 'SERVICE_NOT_FOR_TRACK' }]);
        }
        if (s.groupId && !svc.groups.some((g) => g.id === s.groupId)) {
          throw invalid('UNKNOWN_GROUP', 'Grupa aleasă nu există la acest serviciu.', [{ path: `services.${i}.groupId`, message: 'Grupă necunoscută', code: 'UNKNOWN_GROUP' }]);
        }
      }
      reviewDateOk(form.reviewDate, 'reviewDate');
      const plan = {
        planId: c.plan && c.plan.status !== 'approved' ? c.plan.planId : ulid(),
        type: planType,
        version: (c.plan?.version ?? 0) + 1,
        objectives: form.objectives,
        services: form.services,
        cohort: form.cohort,
        reviewDate: form.reviewDate,
        notes: form.notes,
        status: 'submitted' as const,
      };
      return {
        after: { ...base, plan, nextReviewDate: form.reviewDate },
        summary: `${trackConfig[c.track].planLabel} (versiunea ${plan.version}) trimis spre aprobare: ${countRo(form.objectives.length, nouns.objective)}, ${countRo(form.services.length, nouns.service)}`,
        output: { decision: 'submitted' },
      };
    }
    case 'plan_approval': {
      const { form } = submitted;
      if (!c.plan) throw invalid('NO_PLAN', 'Cazul nu are un plan de aprobat.');
      if (form.decision === 'approved') {
        if (!canStartServices(c.consent as never, now)) {
          throw invalid('CONSENT_REQUIRED', 'Serviciile nu pot începe fără acordul valabil al părintelui/reprezentantului legal (managementul cazului, servicii, prelucrarea datelor).', [{ path: 'decision', message: 'Lipsește acordul', code: 'CONSENT_REQUIRED' }]);
        }
        // a child takes a cohort place at the first approval naming it; the quota (configuration) is enforced here
        if (c.plan.cohort && c.cohort !== c.plan.cohort) {
          if (!ctx.cohortCounts) throw new Error('plan approval needs the cohort counts');
          const place = assignCohort(ctx.cohortCounts, c.plan.cohort as CohortId);
          if (!place.ok) {
            throw invalid(place.code, `${place.message} Modificați cohorta în plan înainte de aprobare.`, [{ path: 'decision', message: place.message, code: place.code }]);
          }
        }
        const plan = { ...c.plan, status: 'approved' as const, approvedAt: at, approvedBy: actor.userId };
        return {
          after: { ...base, plan, cohort: plan.cohort, nextReviewDate: plan.reviewDate },
          summary: `${trackConfig[c.track].planLabel} aprobat (versiunea ${plan.version})`,
          output: { decision: 'approved' },
          openObservatorTask: true,
        };
      }
      return { after: { ...base, plan: { ...c.plan, status: 'rejected' } }, summary: `Plan respins: ${form.comment}`, output: { decision: 'rejected' } };
    }
    case 'review':
    case 'monitoring_review': {
      const { form } = submitted;
      decisionOk(form.decision);
      if (form.decision === 'continue') reviewDateOk(required(form.nextReviewDate, 'nextReviewDate'), 'nextReviewDate');
      if (form.decision === 'transfer' && form.transferTo === c.institution) {
        throw invalid('TRANSFER_SAME_INSTITUTION', 'Cazul este deja la această instituție.', [{ path: 'transferTo', message: 'Alegeți altă instituție', code: 'TRANSFER_SAME_INSTITUTION' }]);
      }
      const review = { at, by: actor.userId, decision: form.decision, summary: form.summary, kind };
      const after: CaseRecord = { ...base, reviews: [...c.reviews, review] };
      if (form.nextReviewDate) after.nextReviewDate = form.nextReviewDate;
      if (form.decision === 'transfer') {
        const to = required(form.transferTo, 'transferTo');
        after.transfer = { from: c.institution, to, reason: required(form.transferReason, 'transferReason'), requestedAt: at, previousStage: c.stage };
        // the receiving institution sees the case while it decides
        after.sharedWith = [...new Set([...c.sharedWith, to])];
      }
      return {
        after,
        summary: `${taskKindLabels[kind]} (${c.reviews.length + 1}): ${decisionLabels[form.decision]}`,
        output: { decision: form.decision, transferTo: form.transferTo ?? null },
      };
    }
    case 'reintegration': {
      const { form } = submitted;
      decisionOk(form.decision);
      if (form.decision === 'postponed') reviewDateOk(required(form.nextReviewDate, 'nextReviewDate'), 'nextReviewDate');
      const after: CaseRecord = { ...base };
      if (form.decision === 'reintegrated') after.reintegrationDate = form.reintegrationDate;
      if (form.nextReviewDate) after.nextReviewDate = form.nextReviewDate;
      return { after, summary: form.decision === 'reintegrated' ? `Copil reintegrat în familie la ${form.reintegrationDate}` : 'Reintegrarea a fost amânată', output: { decision: form.decision } };
    }
    case 'transfer_acceptance': {
      const { form } = submitted;
      if (!c.transfer) throw invalid('NO_TRANSFER', 'Cazul nu are un transfer în curs.');
      if (form.decision === 'accepted') {
        const after: CaseRecord = {
          ...base,
          institution: c.transfer.to as CaseRecord['institution'],
          track: required(form.track, 'track'),
          caseManagerId: required(form.caseManagerId, 'caseManagerId'),
          sharedWith: c.sharedWith.filter((i) => i !== c.transfer!.to && i !== c.transfer!.from),
          transfer: undefined,
          nextReviewDate: undefined,
        };
        return {
          after,
          summary: `Transfer acceptat: cazul trece de la ${c.transfer.from} la ${c.transfer.to} (${trackConfig[after.track].label})`,
          output: { decision: 'accepted' },
        };
      }
      return {
        after: { ...base, transfer: undefined, sharedWith: c.sharedWith.filter((i) => i !== c.transfer!.to) },
        summary: `Transfer refuzat de ${c.transfer.to}: ${form.comment}`,
        output: { decision: 'refused', previousStage: c.transfer.previousStage },
      };
    }
    case 'closure': {
      const { form } = submitted;
      return {
        after: { ...base, closure: { ...form, closedAt: at, closedBy: actor.userId } },
        summary: `Evaluare finală: ${stageLabels.closing.toLowerCase()} propusă`,
        output: { decision: 'close', reason: form.reason },
      };
    }
    case 'observator_registration': {
      const { form } = submitted;
      if (!c.plan) throw invalid('NO_PLAN', 'Cazul nu are un plan aprobat.');
      const plan = { ...c.plan, observator: { ...form, recordedBy: actor.userId, recordedAt: at } };
      return { after: { ...base, plan }, summary: `Plan înregistrat în Observatorul Național al Copilului: nr. ${form.registrationNumber} din ${form.registrationDate}`, output: {} };
    }
  }
}
