/** Final evaluation and closure of the case. */
import { taskFormSchema } from '../../../shared/cases/model.js';
import { closureReasonLabels } from '../../../shared/cases/config.js';
import { options } from '../lib/labels.js';
import { SelectField, TextArea, TextField } from '../ui/fields.js';
import type { TaskFormDef } from './types.js';

export interface ClosureValues {
  reason: string;
  closingEvaluation: string;
  closedOn: string;
}

export const closureForm: TaskFormDef<ClosureValues> = {
  schema: taskFormSchema('closure'),
  initial: ({ c, today }) => ({ reason: c.evaluation?.decision === 'close' ? (c.evaluation.closeReason ?? '') : '', closingEvaluation: '', closedOn: today }),
  Fields: () => (
    <>
      <SelectField path="reason" label="Motivul închiderii" options={options(closureReasonLabels)} />
      <TextArea path="closingEvaluation" label="Evaluarea finală" hint="Situația copilului și a familiei la închidere, obiectivele atinse." rows={6} />
      <TextField path="closedOn" type="date" label="Data închiderii" width="short" />
    </>
  ),
  submitLabel: 'Închide cazul',
};
