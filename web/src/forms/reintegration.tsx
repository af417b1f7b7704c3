/** Reintegration into the family (reintegration track): done on a date, or postponed to the next review. */
import { taskFormSchema } from '../../../shared/cases/model.js';
import { decisionLabels, trackConfig } from '../../../shared/cases/config.js';
import { RadioGroup, TextArea, TextField } from '../ui/fields.js';
import type { TaskFormDef } from './types.js';

export interface ReintegrationValues {
  decision: string;
  reintegrationDate: string;
  notes: string;
  nextReviewDate: string;
}

export const reintegrationForm: TaskFormDef<ReintegrationValues> = {
  schema: taskFormSchema('reintegration'),
  initial: () => ({ decision: '', reintegrationDate: '', notes: '', nextReviewDate: '' }),
  output: (v) => ({
    decision: v.decision,
    notes: v.notes,
    ...(v.decision === 'reintegrated' ? { reintegrationDate: v.reintegrationDate } : {}),
    ...(v.decision === 'postponed' ? { nextReviewDate: v.nextReviewDate } : {}),
  }),
  Fields: ({ c, form }) => {
    const v = form.values;
    const decisions = trackConfig[c.track].decisions.reintegration.map((d) => ({ value: d, label: decisionLabels[d] ?? d }));
    return (
      <>
        <RadioGroup path="decision" legend="Decizia" options={decisions} />
        {v.decision === 'reintegrated' && <TextField path="reintegrationDate" type="date" label="Data reintegrării" width="short" />}
        {v.decision === 'postponed' && <TextField path="nextReviewDate" type="date" label="Data următoarei revizuiri" width="short" />}
        <TextArea path="notes" label="Observații" hint="Cum au fost pregătiți copilul și familia; ce urmează în monitorizare." rows={4} />
      </>
    );
  },
};
