/**
 * The pathway on the local runtime: how long a referral takes through the API, how long until the workflow has
 * opened the evaluation task, and how long a task submission takes until the next task is open.
 */
import type { BenchContext } from './run.js';
import { referralForm, evaluationForm, waitTask } from '../test/support/fixtures.js';

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

export default async function ({ api }: BenchContext) {
  const n = 30;
  const create: number[] = [];
  const toTask: number[] = [];
  const submitToNext: number[] = [];
  await api.token('manager.das');
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const r = await api.post('/referrals', 'manager.das', referralForm());
    const t1 = performance.now();
    const task = await waitTask(api, r.body.case.caseId, 'evaluation', 'manager.das');
    const t2 = performance.now();
    const c = await api.get(`/cases/${r.body.case.caseId}`, 'manager.das');
    const t3 = performance.now();
    await api.post(`/tasks/${task.taskId}/submit`, 'manager.das', { expectedVersion: c.body.case.version, form: evaluationForm() });
    await waitTask(api, r.body.case.caseId, 'plan', 'manager.das');
    submitToNext.push(performance.now() - t3);
    create.push(t1 - t0);
    toTask.push(t2 - t0);
  }
  return {
    'cases': n,
    'referral POST p50 (ms)': pct(create, 50),
    'referral POST p95 (ms)': pct(create, 95),
    'referral → evaluation task open p50 (ms)': pct(toTask, 50),
    'referral → evaluation task open p95 (ms)': pct(toTask, 95),
    'submit evaluation → plan task open p50 (ms)': pct(submitToNext, 50),
    'submit evaluation → plan task open p95 (ms)': pct(submitToNext, 95),
  };
}
