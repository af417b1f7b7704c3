import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stages, tracks, trackConfig, type Stage } from '../config.js';
import { allowedNext, canTransition, isDecisionAllowed, stageAfterDecision } from './transitions.js';

describe('stage transitions', () => {
  it('never allows a transition outside the configured graph', () => {
    fc.assert(
      fc.property(fc.constantFrom(...tracks), fc.constantFrom(...stages), fc.constantFrom(...stages), (track, from, to) => {
        const graph = trackConfig[track].transitions[from] ?? [];
        expect(canTransition(track, from, to)).toBe(graph.includes(to));
      }),
    );
  });

  it('lets nothing leave a closed case', () => {
    for (const t of tracks) for (const s of stages) expect(canTransition(t, 'closed', s)).toBe(false);
  });

  it('reaches closure from every open stage of both tracks', () => {
    for (const t of tracks) {
      for (const start of stages.filter((s) => s !== 'closed' && trackConfig[t].transitions[s])) {
        const seen = new Set<Stage>([start]);
        const queue: Stage[] = [start];
        while (queue.length) for (const n of allowedNext(t, queue.shift()!)) if (!seen.has(n)) { seen.add(n); queue.push(n); }
        expect(seen.has('closed'), `${t}: ${start}`).toBe(true);
      }
    }
  });

  it('keeps reintegration for the reintegration track only', () => {
    expect(canTransition('prevention', 'services', 'reintegration')).toBe(false);
    expect(canTransition('reintegration', 'services', 'reintegration')).toBe(true);
    expect(isDecisionAllowed('prevention', 'review', 'reintegrate')).toBe(false);
    expect(isDecisionAllowed('reintegration', 'review', 'reintegrate')).toBe(true);
  });

  it('every allowed decision leads to a stage the graph allows', () => {
    for (const t of tracks) {
      const cfg = trackConfig[t];
      const from: Record<string, Stage> = { evaluation: 'evaluation', review: 'services', monitoring_review: 'monitoring', reintegration: 'reintegration' };
      for (const [kind, list] of Object.entries(cfg.decisions)) {
        for (const d of list) {
          const cur = from[kind]!;
          expect(canTransition(t, cur, stageAfterDecision(kind as 'review', d, cur)), `${t} ${kind}:${d}`).toBe(true);
        }
      }
    }
  });
});
