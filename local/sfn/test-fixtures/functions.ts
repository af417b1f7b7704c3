/**
 * Fixture Lambda functions for the local Step Functions tests. Every call is kept in memory and, when a log file
 * is given, appended to it as one JSON line (the child-process tests count calls across a kill -9 that way).
 */
import { appendFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface FixtureCall {
  name: string;
  payload: unknown;
  at: number;
}

class FixtureBoom extends Error {
  override name = 'Fixture.Boom';
}

export interface FixtureFunctions {
  invoke(functionName: string, payload: unknown): Promise<unknown>;
  calls: FixtureCall[];
  /** task tokens received by fixture-open-task (for one execution, when given), oldest first */
  tokens(executionArn?: string): string[];
}

export function createFixtureFunctions(o: { logFile?: string; sfnEndpoint?: () => string } = {}): FixtureFunctions {
  const calls: FixtureCall[] = [];
  async function invoke(nameOrArn: string, payload: unknown): Promise<unknown> {
    const name = nameOrArn.startsWith('arn:') ? (nameOrArn.split(':')[6] ?? '') : nameOrArn;
    const call: FixtureCall = { name, payload, at: Date.now() };
    calls.push(call);
    if (o.logFile) appendFileSync(o.logFile, `${JSON.stringify(call)}\n`);
    const p = (payload ?? {}) as Record<string, unknown>;
    switch (name) {
      case 'fixture-prepare':
        return { doubled: Number(p.n) * 2, context: p.context };
      case 'fixture-open-task':
        return { opened: true };
      case 'fixture-finish':
        return { done: true, received: payload };
      case 'fixture-record':
        return { recorded: true };
      case 'fixture-boom':
        throw new FixtureBoom('the fixture exploded on purpose');
      case 'fixture-slow':
        await sleep(Number(p.ms));
        return { slow: true };
      case 'fixture-self-complete': {
        if (!o.sfnEndpoint) throw new Error('fixture-self-complete needs sfnEndpoint');
        // loaded on first use: the kill -9 tests start processes that never need it
        const { SendTaskSuccessCommand, SFNClient } = await import('@aws-sdk/client-sfn');
        const client = new SFNClient({
          endpoint: o.sfnEndpoint(),
          region: 'eu-central-1',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        });
        try {
          await client.send(new SendTaskSuccessCommand({ taskToken: String(p.token), output: JSON.stringify({ self: true }) }));
        } finally {
          client.destroy();
        }
        return { sent: true };
      }
      default: {
        const e = new Error(`Function ${name} does not exist`);
        e.name = 'Lambda.ResourceNotFoundException';
        throw e;
      }
    }
  }
  return {
    invoke,
    calls,
    tokens: (executionArn?: string) =>
      calls
        .filter((c) => c.name === 'fixture-open-task')
        .map((c) => c.payload as { token: string; execution?: string })
        .filter((p) => executionArn === undefined || p.execution === executionArn)
        .map((p) => p.token),
  };
}
