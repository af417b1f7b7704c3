import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderMail, type MailMessage } from '../notifications/index.js';
import { earlierTaskIdFor, taskIdFor } from './task-record.js';

// how every version before this one made a task id: T + the first 24 hex digits of the seed's SHA-256
const hexId = (seed: string) => `T${createHash('sha256').update(seed).digest('hex').slice(0, 24).toUpperCase()}`;
const seeds = Array.from({ length: 20_000 }, (_, i) => `arn:aws:states:eu-central-1:000000000000:execution:case-intake:c${i}#token-${i}`);
const withRun = seeds.filter((s) => /\d{13}/.test(hexId(s)));

describe('task ids', () => {
  it('never hold 13 decimal digits in a row (the mail guard would take them for a CNP), and keep the T + 24 hex form', () => {
    // the all-hex ids held such a run about once in a hundred: the sample has some
    expect(withRun.length).toBeGreaterThan(50);
    for (const seed of seeds) {
      const id = taskIdFor(seed);
      expect(id).toMatch(/^T[0-9A-F]{24}$/);
      expect(id).not.toMatch(/\d{13}/);
      expect(taskIdFor(seed)).toBe(id);
    }
  });

  it('are the ids of earlier versions whenever those held no such run, and name the earlier id where they changed', () => {
    for (const seed of seeds.slice(0, 2_000)) {
      if (withRun.includes(seed)) continue;
      expect(taskIdFor(seed)).toBe(hexId(seed));
      expect(earlierTaskIdFor(seed)).toBeUndefined();
    }
    for (const seed of withRun) {
      expect(earlierTaskIdFor(seed)).toBe(hexId(seed));
      expect(taskIdFor(seed)).not.toBe(hexId(seed));
    }
  });

  it('go into a task e-mail and its link, where an earlier id with a 13-digit run was refused', () => {
    const seed = withRun[0]!;
    const mail = (taskId: string) => ({ kind: 'task_assigned', data: { task: { taskId, kind: 'evaluation', dueDate: '2026-03-18' }, case: { caseId: '01JQ8Z6V3K9T2M4N5P6R7S8T9V', caseNumber: 'VT-2026-00042' } } }) as unknown as MailMessage;
    const ctx = { baseUrl: 'https://vatra.example.ro/', now: '2026-03-15T05:00:00Z' };
    expect(() => renderMail(mail(hexId(seed)), ctx)).toThrow(/CNP/);
    expect(renderMail(mail(taskIdFor(seed)), ctx).text).toContain(`#/sarcini/${taskIdFor(seed)}`);
  });
});
