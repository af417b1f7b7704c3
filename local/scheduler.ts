/**
 * The local stand-in for EventBridge Scheduler: the schedules of shared/manifest/schedules.ts fire on cron timers
 * (croner, Europe/Bucharest) and deliver the same payload to the same target — a state machine through client-sfn
 * against the local Step Functions service, or a function. `fire()` lets an operator or a test deliver one now
 * (or as if at a given time).
 */
import { systemClock, type Clock } from '../shared/platform/calendar.js';
import { randomUUID } from 'node:crypto';
import { Cron } from 'croner';
import type { SfnClient } from '../shared/platform/aws.js';
import { fillSchedulePayload, schedules, toCronerPattern, type ScheduleDef } from '../shared/manifest/schedules.js';

export interface Delivery {
  schedule: string;
  at: string;
  executionId: string;
  target: string;
  ok: boolean;
  result?: unknown;
  error?: string;
}

export interface LocalSchedulerOptions {
  sfn: SfnClient;
  stateMachineArn(name: string): string;
  invokeFunction(name: string, payload: unknown): Promise<unknown>;
  env?: NodeJS.ProcessEnv;
  /** timers off (tests fire by hand) */
  paused?: boolean;
  log?: (m: string, d?: Record<string, unknown>) => void;
  /** "now" of a delivery (the payload's time); the runtime passes its injected clock */
  clock?: Clock;
}

export function effectiveCron(def: ScheduleDef, env: NodeJS.ProcessEnv = process.env): string {
  return env[def.overrideEnv] || def.cron;
}

export class LocalScheduler {
  private jobs: Cron[] = [];
  readonly deliveries: Delivery[] = [];

  constructor(private readonly opts: LocalSchedulerOptions, private readonly list: readonly ScheduleDef[] = schedules) {}

  start() {
    if (this.opts.paused) return;
    for (const def of this.list) {
      const pattern = toCronerPattern(effectiveCron(def, this.opts.env));
      this.jobs.push(
        new Cron(pattern, { timezone: def.timeZone, protect: true }, async () => {
          await this.fire(def.name).catch((e: unknown) => this.opts.log?.('schedule failed', { schedule: def.name, error: (e as Error).message }));
        }),
      );
    }
  }

  stop() {
    for (const j of this.jobs) j.stop();
    this.jobs = [];
  }

  describe() {
    return this.list.map((def) => {
      const cron = effectiveCron(def, this.opts.env);
      const next = new Cron(toCronerPattern(cron), { timezone: def.timeZone, paused: true }).nextRun();
      return { name: def.name, cron, timeZone: def.timeZone, target: def.target, input: def.input, nextRun: next?.toISOString() ?? null };
    });
  }

  async fire(name: string, at: Date = (this.opts.clock ?? systemClock).now()): Promise<Delivery> {
    const def = this.list.find((s) => s.name === name);
    if (!def) throw new Error(`Programarea ${name} nu există`);
    const executionId = randomUUID();
    const payload = fillSchedulePayload(def.input, at, executionId);
    const d: Delivery = { schedule: name, at: at.toISOString(), executionId, target: `${def.target.kind}:${def.target.name}`, ok: false };
    try {
      if (def.target.kind === 'stateMachine') {
        const r = await this.opts.sfn.startExecution({ stateMachineArn: this.opts.stateMachineArn(def.target.name), input: JSON.stringify(payload) });
        d.result = { executionArn: r.executionArn };
      } else {
        d.result = await this.opts.invokeFunction(def.target.name, payload);
      }
      d.ok = true;
    } catch (e) {
      d.error = (e as Error).message;
      throw e;
    } finally {
      this.deliveries.push(d);
      if (this.deliveries.length > 200) this.deliveries.shift();
    }
    return d;
  }
}
