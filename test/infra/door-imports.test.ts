/**
 * How a bundle reads an import from an area's door (infra/constructs/bundling.ts `doorImports`): as imports from the
 * modules behind the door, on the same number of lines, with names the door defines itself left to the door.
 */
import { describe, expect, it } from 'vitest';
import { doorExports, throughDoors } from '../../infra/constructs/bundling.js';

const door = '/repo/shared/protection/index.ts';
const doorSource = [
  "export { AuditLog } from './audit-store.js';",
  "export { canPaySubsidy, /* the rule */ consentStatus as statusOfConsent } from './rules/consent.js';",
  'export {',
  '  type Principal, // a type: erased',
  '  initials,',
  "} from './retention.js';",
  'export const local = 1;',
].join('\n');

describe('imports through an area door, in a bundle', () => {
  it('reads what a door re-exports, aliases and comments included, types left out', () => {
    const names = doorExports(doorSource, door);
    expect(Object.fromEntries(names)).toEqual({
      AuditLog: { file: '/repo/shared/protection/audit-store.ts', name: 'AuditLog' },
      canPaySubsidy: { file: '/repo/shared/protection/rules/consent.ts', name: 'canPaySubsidy' },
      statusOfConsent: { file: '/repo/shared/protection/rules/consent.ts', name: 'consentStatus' },
      initials: { file: '/repo/shared/protection/retention.ts', name: 'initials' },
    });
  });

  it('imports each name from its module on as many lines, keeps what the door defines itself, leaves other imports alone', () => {
    const names = doorExports(doorSource, door);
    const doorAt = (p: string) => (p === door ? names : undefined);
    const src = [
      "import { z } from 'zod';",
      'import {',
      '  AuditLog, // the log',
      '  statusOfConsent as status,',
      '  type Principal,',
      '  local,',
      "} from '../protection/index.js';",
      "import { other } from '../cases/index.js';",
      'export const x = [AuditLog, status, local, other];',
    ].join('\n');
    const out = throughDoors(src, '/repo/shared/subsidies/deps.ts', doorAt)!;
    expect(out.split('\n')).toHaveLength(src.split('\n').length);
    expect(out.split('\n')[1]).toBe([
      'import { AuditLog } from "/repo/shared/protection/audit-store.ts";',
      'import { consentStatus as status } from "/repo/shared/protection/rules/consent.ts";',
      "import { local } from '../protection/index.js';",
    ].join(' '));
    expect(out).toContain("import { other } from '../cases/index.js';");
    expect(out.split('\n').at(-1)).toBe('export const x = [AuditLog, status, local, other];');
    expect(throughDoors("import { other } from '../cases/index.js';", '/repo/shared/x.ts', doorAt)).toBeUndefined();
  });
});
