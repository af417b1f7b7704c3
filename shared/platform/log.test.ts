/** The structured logger: one JSON line with the fixed fields, the level threshold, redaction, the invocation context. */
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from './errors.js';
import { createLogger, inLogScope, nameLogContext, redact, withInvocationLog, withLogContext, type LogLevel } from './log.js';

function capture(level?: string) {
  const lines: { level: LogLevel; entry: Record<string, unknown> }[] = [];
  const log = createLogger({ service: 'vatra-test', level, now: () => new Date('2026-03-02T08:00:00.000Z'), write: (line, l) => lines.push({ level: l, entry: JSON.parse(line) as Record<string, unknown> }) });
  return { log, lines };
}

describe('logger', () => {
  it('writes one JSON line: level, message, timestamp, service, request and function, then the fields', async () => {
    const { log, lines } = capture();
    await withLogContext({ requestId: 'req-1', function: 'api-cases' }, async () => {
      await Promise.resolve();
      log.warn('mail delivery deferred', { outboxId: 'o1', error: 'Throttling' });
    });
    expect(lines).toEqual([{ level: 'WARN', entry: { level: 'WARN', message: 'mail delivery deferred', timestamp: '2026-03-02T08:00:00.000Z', service: 'vatra-test', requestId: 'req-1', function: 'api-cases', outboxId: 'o1', error: 'Throttling' } }]);
  });

  it('keeps interleaved invocations apart', async () => {
    const { log, lines } = capture();
    const wrapped = withInvocationLog(async (event: { n: number }) => {
      await new Promise((r) => setTimeout(r, 5 - event.n));
      log.info('step', { n: event.n });
      return event.n;
    });
    await Promise.all([1, 2, 3].map((n) => wrapped({ n }, { awsRequestId: `r${n}`, functionName: 'wf-case' })));
    expect(lines.map((l) => [l.entry.n, l.entry.requestId, l.entry.function]).sort()).toEqual([[1, 'r1', 'wf-case'], [2, 'r2', 'wf-case'], [3, 'r3', 'wf-case']]);
    // outside any invocation: no request id
    log.info('outside');
    expect(lines.at(-1)!.entry.requestId).toBeUndefined();
  });

  it('opens an unnamed scope per call that a middleware names later; nested scopes and the caller keep their own', async () => {
    const { log, lines } = capture();
    const inner = inLogScope(async (id: string) => {
      log.info('inner before naming');
      nameLogContext({ requestId: id, function: 'wf-case' });
      await new Promise((r) => setTimeout(r, 1));
      log.info('inner');
    });
    const outer = inLogScope(async (id: string, wait: number) => {
      nameLogContext({ requestId: id, function: 'api-cases' });
      await new Promise((r) => setTimeout(r, wait));
      await inner(`${id}-nested`);
      log.info('outer');
    });
    await withLogContext({ requestId: 'caller' }, async () => {
      await Promise.all([outer('a', 5), outer('b', 1)]);
      log.info('caller');
    });
    nameLogContext({ requestId: 'nowhere' }); // outside a scope: nothing to name
    log.info('outside');
    expect(lines.map((l) => `${l.entry.message}:${l.entry.requestId ?? '-'}:${l.entry.function ?? '-'}`).sort()).toEqual([
      'caller:caller:-', 'inner before naming:-:-', 'inner before naming:-:-', 'inner:a-nested:wf-case', 'inner:b-nested:wf-case',
      'outer:a:api-cases', 'outer:b:api-cases', 'outside:-:-',
    ]);
  });

  it('names the request from its fields when no context does, but a field never changes level, message or time', () => {
    const { log, lines } = capture();
    log.error('unhandled error', { requestId: 'apigw-1', level: 'DEBUG', message: 'x', timestamp: 'then' });
    expect(lines[0]!.entry).toMatchObject({ level: 'ERROR', message: 'unhandled error', timestamp: '2026-03-02T08:00:00.000Z', requestId: 'apigw-1' });
  });

  it('drops entries below the configured level (INFO when unset or unknown)', () => {
    for (const [level, expected] of [[undefined, ['INFO', 'WARN', 'ERROR']], ['debug', ['DEBUG', 'INFO', 'WARN', 'ERROR']], ['WARN', ['WARN', 'ERROR']], ['ERROR', ['ERROR']], ['SILENT', []], ['chatty', ['INFO', 'WARN', 'ERROR']]] as const) {
      const { log, lines } = capture(level);
      log.debug('d'); log.info('i'); log.warn('w'); log.error('e');
      expect(lines.map((l) => l.level), String(level)).toEqual(expected);
    }
  });

  it('never writes names, CNPs or IBANs that slip into a message or fields', () => {
    const { log, lines } = capture();
    log.info('child 5140921350011 refused', { caseId: 'c1', child: { firstName: 'Ionuț', lastName: 'Bălănescu', cnp: '5140921350011' }, iban: 'RO49AAAA1B31007593840000', note: 'CNP 6010203040506 in text', list: [{ phone: '+40 700 000 001' }] });
    const line = JSON.stringify(lines[0]!.entry);
    for (const secret of ['Ionuț', 'Bălănescu', '5140921350011', '6010203040506', 'RO49AAAA1B31007593840000', '700 000 001']) expect(line).not.toContain(secret);
    expect(lines[0]!.entry).toMatchObject({ message: 'child [CNP] refused', caseId: 'c1', child: { firstName: '[redactat]', cnp: '[redactat]' }, iban: '[redactat]', note: 'CNP [CNP] in text' });
  });

  it('survives fields JSON cannot take as they are: cycles, BigInt, errors', () => {
    const { log, lines } = capture();
    const cyclic: Record<string, unknown> = { id: 'a' };
    cyclic.self = cyclic;
    log.error('odd fields', { cyclic, big: 10n, error: new TypeError('bad 5140921350011') });
    const e = lines[0]!.entry;
    expect(e.big).toBe('10');
    expect(e.error).toMatchObject({ type: 'TypeError', message: 'bad [CNP]' });
    expect(JSON.stringify(e.cyclic)).toContain('[…]');
  });

  it("keeps a configuration error's machine code (the API answers it with a correlation id only)", () => {
    const { log, lines } = capture();
    log.error('unhandled error', { error: new ConfigurationError('ROMA_PLAN_INVALID', 'Planul local pentru romi pentru anul 2026 nu este valid: OS3') });
    expect(lines[0]!.entry.error).toMatchObject({ type: 'ConfigurationError', code: 'ROMA_PLAN_INVALID', message: expect.stringContaining('OS3') });
  });
});

describe('redact', () => {
  it('leaves ids, codes and numbers as they are', () => {
    expect(redact({ caseId: '01JABC', count: 3, ok: true, code: 'DUPLICATE_CHILD' })).toEqual({ caseId: '01JABC', count: 3, ok: true, code: 'DUPLICATE_CHILD' });
  });
});
