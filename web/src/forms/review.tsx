/** Periodic review (and post-reintegration monitoring): progress per objective, conclusions, the track's decisions. */
import { institutionIds } from '../../../shared/platform/auth/principal.js';
import { taskFormSchema } from '../../../shared/cases/model.js';
import { decisionLabels, trackConfig } from '../../../shared/cases/config.js';
import { institutionName, options, progressLabels } from '../lib/labels.js';
import { RadioGroup, SelectField, TextArea, TextField } from '../ui/fields.js';
import type { TaskFormDef } from './types.js';

export interface ReviewValues {
  progress: { objectiveId: string; status: string; note: string }[];
  summary: string;
  decision: string;
  nextReviewDate: string;
  transferTo: string;
  transferReason: string;
}

export const reviewForm: TaskFormDef<ReviewValues> = {
  schema: taskFormSchema('review'),
  initial: ({ c }) => ({
    progress: (c.plan?.objectives ?? []).map((o) => ({ objectiveId: o.id, status: '', note: '' })),
    summary: '',
    decision: '',
    nextReviewDate: '',
    transferTo: '',
    transferReason: '',
  }),
  output: (v) => ({
    progress: v.progress,
    summary: v.summary,
    decision: v.decision,
    ...(v.decision === 'continue' ? { nextReviewDate: v.nextReviewDate } : {}),
    ...(v.decision === 'transfer' ? { transferTo: v.transferTo, transferReason: v.transferReason } : {}),
  }),
  Fields: ({ c, task, form }) => {
    const v = form.values;
    const kind = task.kind === 'monitoring_review' ? 'monitoring_review' : 'review';
    const decisions = trackConfig[c.track].decisions[kind].map((d) => ({ value: d, label: decisionLabels[d] ?? d }));
    const objectives = c.plan?.objectives ?? [];
    return (
      <>
        <fieldset class="section">
          <legend>Progresul pe obiectivele planului</legend>
          {v.progress.length === 0 && <p>Planul nu are obiective înregistrate.</p>}
          {v.progress.map((p, i) => {
            const o = objectives.find((x) => x.id === p.objectiveId);
            return (
              <div class="list-row" key={p.objectiveId} role="group" aria-label={`Obiectivul ${p.objectiveId}`}>
                <p class="list-row-title">
                  {p.objectiveId}. {o?.text}
                </p>
                <div class="list-row-fields">
                  <RadioGroup path={`progress.${i}.status`} legend={`Stadiul obiectivului ${p.objectiveId}`} options={options(progressLabels)} inline />
                  <TextField path={`progress.${i}.note`} label="Notă" optional />
                </div>
              </div>
            );
          })}
        </fieldset>
        <TextArea path="summary" label="Concluziile revizuirii" rows={5} />
        <RadioGroup path="decision" legend="Decizia" options={decisions} />
        {v.decision === 'continue' && <TextField path="nextReviewDate" type="date" label="Data următoarei revizuiri" width="short" />}
        {v.decision === 'transfer' && (
          <>
            <SelectField path="transferTo" label="Instituția care preia cazul" options={institutionIds.filter((i) => i !== c.institution).map((i) => ({ value: i, label: institutionName(i) }))} />
            <TextArea path="transferReason" label="Motivul transferului" rows={3} />
          </>
        )}
      </>
    );
  },
};
