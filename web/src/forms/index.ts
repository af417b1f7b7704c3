/** The form of each task kind. */
import type { TaskKind } from '../../../shared/cases/config.js';
import { approvalForm } from './approval.js';
import { closureForm } from './closure.js';
import { evaluationForm } from './evaluation.js';
import { observatorForm } from './observator.js';
import { planForm } from './plan.js';
import { reintegrationForm } from './reintegration.js';
import { reviewForm } from './review.js';
import { transferForm } from './transfer.js';
import type { TaskFormDef } from './types.js';

export const taskForms: Record<TaskKind, TaskFormDef> = {
  evaluation: evaluationForm,
  plan: planForm,
  plan_approval: approvalForm,
  review: reviewForm,
  monitoring_review: reviewForm,
  reintegration: reintegrationForm,
  transfer_acceptance: transferForm,
  closure: closureForm,
  observator_registration: observatorForm,
};
