/**
 * Every ASL file: valid for asl-validator (JSONPath), every Task resource one that both AWS and the local service
 * run, every `${…}` substitution declared in shared/manifest/workflows.ts, a diagram and a README beside it.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import aslValidator from 'asl-validator';
import { workflows, applySubstitutions, type WorkflowDef } from '../shared/manifest/workflows.js';
import { functions } from '../shared/manifest/functions.js';

const here = resolve(fileURLToPath(import.meta.url), '..');
const root = resolve(here, '..');
const folders = readdirSync(here, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
const supported = ['arn:aws:states:::lambda:invoke', 'arn:aws:states:::lambda:invoke.waitForTaskToken', 'arn:aws:states:::states:startExecution'];

function tasks(states: Record<string, any>): { name: string; resource: string }[] {
  const out: { name: string; resource: string }[] = [];
  for (const [name, st] of Object.entries(states)) {
    if (st.Type === 'Task') out.push({ name, resource: st.Resource });
    for (const b of st.Branches ?? []) out.push(...tasks(b.States));
    if (st.ItemProcessor) out.push(...tasks(st.ItemProcessor.States));
    if (st.Iterator) out.push(...tasks(st.Iterator.States));
  }
  return out;
}

describe('workflow definitions', () => {
  it('lists every workflow folder in shared/manifest/workflows.ts and nothing else', () => {
    expect(folders.sort()).toEqual((workflows as readonly WorkflowDef[]).map((w) => w.file.split('/')[1]).sort());
  });

  for (const wf of workflows as readonly WorkflowDef[]) {
    describe(wf.name, () => {
      const text = readFileSync(join(root, wf.file), 'utf8');
      const values = Object.fromEntries(Object.keys(wf.substitutions).map((k) => [k, `arn:aws:lambda:eu-central-1:000000000000:function:${k}`]));
      const definition = JSON.parse(applySubstitutions(text, values));

      it('passes asl-validator with JSONPath checks', () => {
        const r = aslValidator(definition, { checkPaths: true, checkArn: true });
        expect(r.errorsText('\n')).toBe('');
        expect(r.isValid).toBe(true);
      });

      it('uses only integrations the local service maps, and declared substitutions of existing functions', () => {
        for (const t of tasks(definition.States)) expect(supported, `${wf.name}.${t.name}`).toContain(t.resource);
        const used = [...text.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]);
        expect([...new Set(used)].sort()).toEqual(Object.keys(wf.substitutions).sort());
        for (const ref of Object.values(wf.substitutions)) {
          if ('function' in ref) expect(functions.map((f) => f.name)).toContain(ref.function);
        }
        expect(definition.QueryLanguage ?? 'JSONPath').toBe('JSONPath');
      });

      if (definition.States.EnrolFromPlan) {
        it('never swallows a failed EnrolFromPlan: refusals not retried, any failure flags the case; the approval task is settled', () => {
          const enrol = definition.States.EnrolFromPlan;
          const retried = (enrol.Retry as { ErrorEquals: string[] }[]).flatMap((r) => r.ErrorEquals);
          expect(retried).not.toContain('States.ALL');
          expect(retried).not.toContain('States.TaskFailed');
          expect(retried).not.toContain('Vatra.StepRefused');
          expect(retried).toContain('Vatra.Transient');
          expect(enrol.Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.enrolmentError', Next: 'FlagEnrolment' }]);
          const flag = definition.States.FlagEnrolment;
          expect(flag.Parameters.Payload).toMatchObject({ action: 'flagAttention', step: 'enrol_from_plan' });
          expect(flag.Next).toBe(enrol.Next);
          expect(flag.Catch).toBeUndefined(); // if even flagging fails, the execution fails (and its alarm fires)
          expect(definition.States.Approval.Next).toBe('SettleApproval');
          expect(definition.States.SettleApproval.Parameters.Payload).toMatchObject({ action: 'settleTask', kind: 'plan_approval' });
        });
      }

      it('has its diagram and README beside it', () => {
        const dir = join(root, wf.file, '..');
        expect(existsSync(join(dir, 'diagram.md'))).toBe(true);
        expect(existsSync(join(dir, 'README.md'))).toBe(true);
        const diagram = readFileSync(join(dir, 'diagram.md'), 'utf8');
        for (const state of Object.keys(definition.States)) expect(diagram, `${wf.name}: ${state} missing in diagram`).toContain(state);
      });
    });
  }
});
