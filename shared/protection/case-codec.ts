/**
 * The CaseStore codec that seals sensitive fields (shared/protection/config.ts `sealedCaseFields`) into one encrypted
 * attribute `sealed` of the case item, bound to the case id. Readers that go through CaseStore see the plain record;
 * anything reading the raw item (a query outside the store, a table export, a backup) sees no CNP, ethnicity or
 * health data. Items written before encryption (no `sealed`) are read as they are.
 */
import type { CaseRecord } from '../cases/index.js';
import type { CaseCodec } from '../cases/index.js';
import { sealedCaseFields } from './config.js';
import { FieldCipher, isSealed } from './field-cipher.js';
import { defaultKeyProvider, type KeyProvider } from './keys.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function parentOf(root: Obj, path: string): { parent: Obj; key: string } | undefined {
  const parts = path.split('.');
  let cur: unknown = root;
  for (const p of parts.slice(0, -1)) {
    if (!isObj(cur)) return undefined;
    cur = cur[p];
  }
  return isObj(cur) ? { parent: cur, key: parts.at(-1)! } : undefined;
}

export const caseAad = (caseId: string) => `vatra/case/${caseId}`;

export class FieldEncryptionCodec implements CaseCodec {
  private cipherInstance: FieldCipher | undefined;

  /** `keys` may be a provider or a function returning one (resolved at first use, so building deps never fails). */
  constructor(private readonly keys: KeyProvider | (() => KeyProvider), private readonly fields: readonly string[] = sealedCaseFields) {}

  private cipher(): FieldCipher {
    this.cipherInstance ??= new FieldCipher(typeof this.keys === 'function' ? this.keys() : this.keys);
    return this.cipherInstance;
  }

  async encode(record: CaseRecord): Promise<Record<string, unknown>> {
    const out = structuredClone(record) as unknown as Obj;
    delete out.sealed;
    const secret: Obj = {};
    for (const path of this.fields) {
      const loc = parentOf(out, path);
      if (!loc || loc.parent[loc.key] === undefined) continue;
      secret[path] = loc.parent[loc.key];
      delete loc.parent[loc.key];
    }
    if (Object.keys(secret).length === 0) return out;
    return { ...out, sealed: await this.cipher().seal(secret, caseAad(record.caseId)) };
  }

  async decode(item: Record<string, unknown>): Promise<CaseRecord> {
    const { sealed, ...rest } = item;
    if (!isSealed(sealed)) return rest as unknown as CaseRecord;
    const out = structuredClone(rest);
    const secret = await this.cipher().open<Obj>(sealed, caseAad(String(rest.caseId)));
    for (const [path, value] of Object.entries(secret)) {
      const loc = parentOf(out, path);
      // a plain value written later (outside the store) wins; a removed parent is not brought back
      if (loc && loc.parent[loc.key] === undefined) loc.parent[loc.key] = value;
    }
    return out as unknown as CaseRecord;
  }
}

let shared: FieldEncryptionCodec | undefined;
/** The codec every handler's CaseStore uses (key provider from the environment: KMS in AWS, key file locally). */
export function fieldEncryptionCodec(): FieldEncryptionCodec {
  shared ??= new FieldEncryptionCodec(() => defaultKeyProvider());
  return shared;
}
