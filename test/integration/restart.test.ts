/**
 * Crash and restart: the runtime is SIGKILLed while a case waits on a human task; after a restart on the same data the
 * task is submitted and the case reaches closure with no lost or duplicated step. Also: data survives a normal restart
 * and `npm run reset` empties it.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Api, eventually } from '../support/api.js';
import { START_S, startRuntimeProcess, tempDataDir, ROOT } from '../support/runtime.js';
import { closureForm, completeTask, evaluationForm, referralForm, waitTask } from '../support/fixtures.js';

// three runtime starts (each may take START_S on a loaded machine), a case's workflow and a reset in one test
const RESTARTS_MS = 3 * START_S * 1000 + 120_000;

describe('crash and restart of the local runtime', () => {
  // One data folder through a crash, a normal restart and the reset: each start of `npm start` itself costs a JVM of
  // its own, so the crash and the normal restart share the folder (three starts, not four).
  it('resumes a case that was waiting on a human task after a crash, keeps its data across a normal restart, and the reset command empties it', async () => {
    const dataDir = tempDataDir('restart');
    let rt = await startRuntimeProcess({ dataDir, durable: true, ownDatabase: true });
    let api = new Api(rt.urls);
    let caseId: string;
    let before: { taskId: string };
    try {
      const r = await api.post('/referrals', 'manager.das', referralForm());
      expect(r.status).toBe(201);
      caseId = r.body.case.caseId as string;
      before = await waitTask(api, caseId, 'evaluation', 'manager.das');
    } finally {
      // the crash (and, when the steps above failed, the end of this runtime and its JVM)
      await rt.kill();
    }

    // after the crash: the case resumes where it waited and reaches closure with no lost or duplicated step
    rt = await startRuntimeProcess({ dataDir, durable: true, ownDatabase: true, ports: rt.ports });
    try {
      api = new Api(rt.urls);
      // the same task is still open: nothing was re-created by the restart
      const tasks = (await api.get(`/cases/${caseId}/tasks`, 'manager.das')).body.items as { taskId: string; kind: string }[];
      expect(tasks.map((t) => t.taskId)).toEqual([before.taskId]);
      await completeTask(api, caseId, 'evaluation', 'manager.das', evaluationForm('close'));
      await completeTask(api, caseId, 'closure', 'manager.das', closureForm('not_eligible'));
      const closed = await eventually(async () => {
        const c = (await api.get(`/cases/${caseId}`, 'manager.das')).body.case;
        return c.status === 'closed' ? c : undefined;
      }, 'closed after restart');
      expect(closed.stage).toBe('closed');
      const history = (await api.get(`/cases/${caseId}/history`, 'manager.das')).body.items as { action: string }[];
      expect(history.filter((h) => h.action === 'task.open')).toHaveLength(2); // evaluation + closure, once each
      expect(history.filter((h) => h.action === 'task.submit.evaluation')).toHaveLength(1);
      expect(history.filter((h) => h.action === 'case.close')).toHaveLength(1);
    } finally {
      await rt.stop();
    }

    // a normal stop and start: the data is still there
    rt = await startRuntimeProcess({ dataDir, durable: true, ownDatabase: true, ports: rt.ports });
    try {
      api = new Api(rt.urls);
      const again = await api.get(`/cases/${caseId}`, 'manager.das');
      expect(again.status).toBe(200);
      expect(again.body.case.status).toBe('closed');
    } finally {
      await rt.stop();
    }
    execFileSync(resolve(ROOT, 'node_modules/.bin/tsx'), ['local/reset.ts'], { cwd: ROOT, env: { ...process.env, VATRA_DATA_DIR: dataDir } });
    expect(existsSync(dataDir)).toBe(false);
  }, RESTARTS_MS);
});
