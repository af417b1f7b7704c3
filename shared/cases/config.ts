/**
 * The child's pathway as configuration: tracks, stages, the task that each stage waits on, the decisions each form may
 * take per track, and the allowed transitions. Workflows (workflows/*.asl.json) branch on decisions; the rules in
 * shared/cases/rules/transitions.ts refuse anything outside this graph. A new track is configured here, not programmed.
 */
import type { InstitutionId } from '../platform/auth/principal.js';

export const stages = ['evaluation', 'planning', 'plan_approval', 'services', 'reintegration', 'monitoring', 'transfer', 'closing', 'closed'] as const;
export type Stage = (typeof stages)[number];

export const stageLabels: Record<Stage, string> = {
  evaluation: 'Evaluare inițială',
  planning: 'Elaborarea planului',
  plan_approval: 'Aprobarea planului',
  services: 'Servicii și revizuire periodică',
  reintegration: 'Reintegrare în familie',
  monitoring: 'Monitorizare post-reintegrare',
  transfer: 'Transfer între instituții',
  closing: 'Închiderea cazului',
  closed: 'Caz închis',
};

export const taskKinds = ['evaluation', 'plan', 'plan_approval', 'review', 'reintegration', 'monitoring_review', 'transfer_acceptance', 'closure', 'observator_registration'] as const;
export type TaskKind = (typeof taskKinds)[number];

export const taskKindLabels: Record<TaskKind, string> = {
  evaluation: 'Evaluare inițială',
  plan: 'Elaborare plan',
  plan_approval: 'Aprobare plan',
  review: 'Revizuire periodică a planului',
  reintegration: 'Reintegrare în familie',
  monitoring_review: 'Monitorizare post-reintegrare',
  transfer_acceptance: 'Acceptare transfer',
  closure: 'Evaluare finală și închidere',
  observator_registration: 'Înregistrare în Observatorul Național al Copilului',
};

/** Stage the case is in while a task of this kind is open (observator registration runs beside the stage). */
export const stageOfTask: Record<Exclude<TaskKind, 'observator_registration'>, Stage> = {
  evaluation: 'evaluation',
  plan: 'planning',
  plan_approval: 'plan_approval',
  review: 'services',
  reintegration: 'reintegration',
  monitoring_review: 'monitoring',
  transfer_acceptance: 'transfer',
  closure: 'closing',
};

/** Who works a task: the case's manager, or the coordinators of the institution that owns (or receives) the case. */
export const taskAssignee: Record<TaskKind, 'case_manager' | 'coordinator'> = {
  evaluation: 'case_manager',
  plan: 'case_manager',
  plan_approval: 'coordinator',
  review: 'case_manager',
  reintegration: 'case_manager',
  monitoring_review: 'case_manager',
  transfer_acceptance: 'coordinator',
  closure: 'case_manager',
  observator_registration: 'case_manager',
};

export const tracks = ['prevention', 'reintegration'] as const;
export type Track = (typeof tracks)[number];

export interface TrackConfig {
  label: string;
  owner: InstitutionId;
  planType: 'PS' | 'PIP';
  planLabel: string;
  transitions: Readonly<Partial<Record<Stage, readonly Stage[]>>>;
  decisions: {
    evaluation: readonly string[];
    review: readonly string[];
    monitoring_review: readonly string[];
    reintegration: readonly string[];
  };
}

const common: Partial<Record<Stage, readonly Stage[]>> = {
  evaluation: ['planning', 'closing'],
  planning: ['plan_approval'],
  plan_approval: ['planning', 'services', 'monitoring'],
  transfer: ['evaluation', 'services', 'monitoring'],
  closing: ['closed'],
};

export const trackConfig: Record<Track, TrackConfig> = {
  prevention: {
    label: 'Prevenirea separării (DAS)',
    owner: 'DAS',
    planType: 'PS',
    planLabel: 'Plan de servicii',
    transitions: { ...common, services: ['services', 'planning', 'closing', 'transfer'] },
    decisions: {
      evaluation: ['proceed', 'close'],
      review: ['continue', 'change_plan', 'close', 'transfer'],
      monitoring_review: [],
      reintegration: [],
    },
  },
  reintegration: {
    label: 'Reintegrare în familie (DGASPC)',
    owner: 'DGASPC',
    planType: 'PIP',
    planLabel: 'Plan individualizat de protecție',
    transitions: {
      ...common,
      services: ['services', 'planning', 'closing', 'transfer', 'reintegration'],
      reintegration: ['monitoring', 'services'],
      monitoring: ['monitoring', 'planning', 'closing', 'transfer'],
    },
    decisions: {
      evaluation: ['proceed', 'close'],
      review: ['continue', 'change_plan', 'close', 'transfer', 'reintegrate'],
      monitoring_review: ['continue', 'change_plan', 'close', 'transfer'],
      reintegration: ['reintegrated', 'postponed'],
    },
  },
};

export const decisionLabels: Record<string, string> = {
  proceed: 'Se elaborează planul',
  close: 'Închiderea cazului',
  continue: 'Continuarea planului',
  change_plan: 'Modificarea planului',
  transfer: 'Transfer către altă instituție',
  reintegrate: 'Reintegrare în familie',
  reintegrated: 'Copilul a fost reintegrat',
  postponed: 'Reintegrarea se amână',
  approved: 'Aprobat',
  rejected: 'Respins (se revizuiește)',
  accepted: 'Transfer acceptat',
  refused: 'Transfer refuzat',
};

export const referralSources = ['school', 'police', 'family_doctor', 'community', 'self', 'family', 'dgaspc', 'das', 'ngo', 'other'] as const;
export const referralSourceLabels: Record<(typeof referralSources)[number], string> = {
  school: 'Școală',
  police: 'Poliție',
  family_doctor: 'Medic de familie',
  community: 'Comunitate / vecini',
  self: 'Autosesizare',
  family: 'Familie',
  dgaspc: 'DGASPC Timiș',
  das: 'DAS Timișoara',
  ngo: 'ONG partener',
  other: 'Altă sursă',
};

export const closureReasons = ['objectives_met', 'reintegrated_monitored', 'moved_away', 'turned_18', 'transferred', 'separated', 'project_ended', 'not_eligible'] as const;
export const closureReasonLabels: Record<(typeof closureReasons)[number], string> = {
  objectives_met: 'Obiectivele planului au fost atinse',
  reintegrated_monitored: 'Copil reintegrat și monitorizat',
  moved_away: 'Familia s-a mutat',
  turned_18: 'Copilul a împlinit 18 ani',
  transferred: 'Transferat',
  separated: 'Copilul a fost separat de familie',
  project_ended: 'Proiectul s-a încheiat',
  not_eligible: 'Nu face parte din grupul țintă',
};
