/**
 * The one list of schedules. CDK turns each into an EventBridge Scheduler schedule; the local runtime fires the same
 * target with the same payload from a cron timer (croner). Times are wall-clock Europe/Bucharest.
 *
 * `cron` uses the EventBridge Scheduler syntax: minutes hours day-of-month month day-of-week year.
 * Payload placeholders `<aws.scheduler.scheduled-time>` and `<aws.scheduler.execution-id>` are filled in by
 * EventBridge Scheduler in AWS and by the local scheduler locally.
 */
import { TIME_ZONE } from '../platform/calendar.js';
export type ScheduleTarget =
  | { readonly kind: 'stateMachine'; readonly name: string }
  | { readonly kind: 'function'; readonly name: string };

export interface ScheduleDef {
  readonly name: string;
  readonly description: string;
  readonly cron: string;
  readonly timeZone: typeof TIME_ZONE;
  readonly target: ScheduleTarget;
  readonly input: Record<string, unknown>;
  /** Environment variable that can override the cron expression (operations may move the run day). */
  readonly overrideEnv: string;
}

export const SCHEDULED_TIME = '<aws.scheduler.scheduled-time>';
export const SCHEDULE_EXECUTION_ID = '<aws.scheduler.execution-id>';

export const schedules = [
  {
    name: 'daily-reminders',
    description: 'Scanarea zilnică a termenelor și trimiterea mementourilor, ora 07:00',
    cron: '0 7 * * ? *',
    timeZone: TIME_ZONE,
    target: { kind: 'function', name: 'notifier' },
    input: { action: 'dailyReminders', scheduledTime: SCHEDULED_TIME, deliveryId: SCHEDULE_EXECUTION_ID },
    overrideEnv: 'VATRA_CRON_DAILY_REMINDERS',
  },
  {
    name: 'data-retention',
    description: 'Anonimizarea zilnică a cazurilor închise de mai mult decât termenul de păstrare, ora 02:30',
    cron: '30 2 * * ? *',
    timeZone: TIME_ZONE,
    target: { kind: 'function', name: 'retention' },
    input: { action: 'retention', scheduledTime: SCHEDULED_TIME, deliveryId: SCHEDULE_EXECUTION_ID },
    overrideEnv: 'VATRA_CRON_DATA_RETENTION',
  },
  {
    name: 'monthly-subsidy-run',
    description: 'Rularea lunară a subvenției pentru luna anterioară, ziua 3, ora 06:00 (livrare cel puțin o dată: luna primește o singură rulare)',
    cron: '0 6 3 * ? *',
    timeZone: TIME_ZONE,
    target: { kind: 'stateMachine', name: 'monthly-run' },
    input: { trigger: 'schedule', scheduledTime: SCHEDULED_TIME, deliveryId: SCHEDULE_EXECUTION_ID },
    overrideEnv: 'VATRA_CRON_MONTHLY_RUN',
  },
] as const satisfies readonly ScheduleDef[];

/** Replace the Scheduler context placeholders in a payload, as EventBridge Scheduler does. */
export function fillSchedulePayload(input: Record<string, unknown>, scheduledTime: Date, executionId: string): Record<string, unknown> {
  const text = JSON.stringify(input)
    .replaceAll(SCHEDULED_TIME, scheduledTime.toISOString().replace(/\.\d{3}Z$/, 'Z'))
    .replaceAll(SCHEDULE_EXECUTION_ID, executionId);
  return JSON.parse(text) as Record<string, unknown>;
}

/**
 * EventBridge cron (6 fields, `?` allowed, year field) → croner pattern (5 fields).
 * Only the subset Vatra uses is accepted; anything else throws so a mistake cannot silently change a schedule.
 */
export function toCronerPattern(cron: string): string {
  const parts = cron.trim().split(/\s+/);
  if (parts.length !== 6) throw new Error(`Expresie cron invalidă (6 câmpuri necesare): ${cron}`);
  const [min, hour, dom, month, dow, year] = parts as [string, string, string, string, string, string];
  if (year !== '*') throw new Error(`Câmpul an trebuie să fie '*': ${cron}`);
  if (dom !== '?' && dow !== '?') throw new Error(`Unul dintre zi-a-lunii și zi-a-săptămânii trebuie să fie '?': ${cron}`);
  const fix = (f: string) => (f === '?' ? '*' : f);
  // EventBridge numbers days of week 1-7 starting Sunday; croner uses 0-6 starting Sunday.
  const dowCroner = dow === '?' || dow === '*' ? '*' : dow.replace(/\d/g, (d) => String(Number(d) - 1));
  return [min, hour, fix(dom), month, dowCroner].join(' ');
}
