/** The receiving institution's coordinator accepts a transfer (choosing the case manager and track) or refuses it. */
import { useEffect, useState } from 'preact/hooks';
import { taskFormSchema } from '../../../shared/cases/model.js';
import { decisionLabels, stageLabels, trackConfig, tracks, type Stage } from '../../../shared/cases/config.js';
import { useApp } from '../lib/app-context.js';
import type { ApiError } from '../lib/api.js';
import { formatInstant } from '../lib/format.js';
import { institutionName } from '../lib/labels.js';
import type { StaffMember } from '../lib/types.js';
import { Banner } from '../ui/page.js';
import { RadioGroup, SelectField, TextArea } from '../ui/fields.js';
import type { TaskFormDef } from './types.js';

export interface TransferValues {
  decision: string;
  caseManagerId: string;
  track: string;
  comment: string;
}

export const transferForm: TaskFormDef<TransferValues> = {
  schema: taskFormSchema('transfer_acceptance'),
  initial: ({ task }) => {
    const owned = tracks.find((t) => trackConfig[t].owner === task.institution);
    return { decision: '', caseManagerId: '', track: owned ?? '', comment: '' };
  },
  output: (v) => (v.decision === 'accepted' ? v : { decision: v.decision, comment: v.comment }),
  Fields: ({ c, task, form }) => {
    const { api } = useApp();
    const [staff, setStaff] = useState<StaffMember[] | undefined>();
    const [error, setError] = useState<string | undefined>();
    useEffect(() => {
      api
        .get<{ items: StaffMember[] }>(`/staff?role=case_manager&institution=${encodeURIComponent(task.institution)}`)
        .then((r) => setStaff(r.items))
        .catch((e: ApiError) => setError(e.message));
    }, [task.institution]);
    const v = form.values;
    const t = c.transfer;
    return (
      <>
        {t && (
          <section class="card" aria-labelledby="transfer-info">
            <h2 id="transfer-info">Cererea de transfer</h2>
            <dl class="facts">
              <dt>De la</dt>
              <dd>{institutionName(t.from)}</dd>
              <dt>Către</dt>
              <dd>{institutionName(t.to)}</dd>
              <dt>Cerută la</dt>
              <dd>{formatInstant(t.requestedAt)}</dd>
              <dt>Etapa dinaintea transferului</dt>
              <dd>{stageLabels[t.previousStage as Stage] ?? t.previousStage}</dd>
              <dt>Motivul</dt>
              <dd class="prewrap">{t.reason}</dd>
            </dl>
          </section>
        )}
        <RadioGroup path="decision" legend="Decizia" options={['accepted', 'refused'].map((d) => ({ value: d, label: decisionLabels[d]! }))} />
        {v.decision === 'accepted' && (
          <>
            {error && <Banner kind="error">Lista managerilor de caz nu a putut fi încărcată: {error}</Banner>}
            <SelectField
              path="caseManagerId"
              label="Managerul de caz care preia cazul"
              options={(staff ?? []).map((s) => ({ value: s.userId, label: s.displayName }))}
              placeholder={staff ? '— Alegeți —' : 'Se încarcă lista…'}
            />
            <SelectField path="track" label="Traseul cazului la instituția care îl preia" options={tracks.map((x) => ({ value: x, label: trackConfig[x].label }))} />
          </>
        )}
        <TextArea path="comment" label="Comentariu" optional={v.decision !== 'refused'} rows={3} />
      </>
    );
  },
  submitLabel: 'Trimite decizia',
};
