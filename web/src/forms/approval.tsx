/** The coordinator's decision on a submitted plan: approve, or send it back with the reason. */
import { taskFormSchema } from '../../../shared/cases/model.js';
import { decisionLabels } from '../../../shared/cases/config.js';
import { PlanSummary } from '../ui/plan-summary.js';
import { RadioGroup, TextArea } from '../ui/fields.js';
import type { TaskFormDef } from './types.js';

export interface ApprovalValues {
  decision: string;
  comment: string;
}

export const approvalForm: TaskFormDef<ApprovalValues> = {
  schema: taskFormSchema('plan_approval'),
  initial: () => ({ decision: '', comment: '' }),
  Fields: ({ c, form }) => (
    <>
      <section class="card" aria-labelledby="plan-under-review">
        <h2 id="plan-under-review">Planul supus aprobării</h2>
        <PlanSummary c={c} />
      </section>
      <RadioGroup path="decision" legend="Decizia coordonatorului" options={['approved', 'rejected'].map((d) => ({ value: d, label: decisionLabels[d]! }))} />
      <TextArea
        path="comment"
        label="Comentariu"
        optional={form.values.decision !== 'rejected'}
        hint={form.values.decision === 'rejected' ? 'Explicați ce trebuie schimbat: planul se întoarce la managerul de caz.' : undefined}
        rows={3}
      />
    </>
  ),
  submitLabel: 'Trimite decizia',
};
