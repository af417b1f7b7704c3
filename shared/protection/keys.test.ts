import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { KeyConfigurationError, KeyUnavailableError, KmsKeyProvider, LocalKeyProvider, keyProviderFromEnv, loadOrCreateKeyFile, type KmsApi } from './keys.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'vatra-keys-'));
const ctx = { app: 'vatra', purpose: 'sealed-fields' };

describe('local key file', () => {
  it('is created on first use with 32 random bytes, owner-only, and reused afterwards', () => {
    const file = join(tmp(), 'identity', 'field-key');
    const a = loadOrCreateKeyFile(file);
    expect(a).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const b = loadOrCreateKeyFile(file);
    expect(b.equals(a)).toBe(true);
    expect(loadOrCreateKeyFile(join(tmp(), 'k')).equals(a)).toBe(false);
  });

  it('refuses a key file of the wrong length', () => {
    const file = join(tmp(), 'bad');
    writeFileSync(file, 'short');
    expect(() => loadOrCreateKeyFile(file)).toThrow(KeyConfigurationError);
  });
});

describe('LocalKeyProvider', () => {
  it('wraps a fresh data key and unwraps it only with the same master key and context', async () => {
    const p = new LocalKeyProvider({ file: join(tmp(), 'field-key') });
    const dk = await p.generateDataKey(ctx);
    expect(dk.plaintext).toHaveLength(32);
    expect(dk.encrypted.includes(dk.plaintext)).toBe(false);
    expect((await p.decryptDataKey(dk.encrypted, dk.keyId, ctx)).equals(dk.plaintext)).toBe(true);
    await expect(p.decryptDataKey(dk.encrypted, dk.keyId, { ...ctx, purpose: 'other' })).rejects.toThrow(KeyUnavailableError);
    const altered = Buffer.from(dk.encrypted);
    altered[40]! ^= 1;
    await expect(p.decryptDataKey(altered, dk.keyId, ctx)).rejects.toThrow(KeyUnavailableError);
    const other = new LocalKeyProvider({ key: randomBytes(32) });
    await expect(other.decryptDataKey(dk.encrypted, dk.keyId, ctx)).rejects.toThrow(/wrapped by/);
  });

  it('gives a deterministic MAC that depends on the key', async () => {
    const key = randomBytes(32);
    const a = new LocalKeyProvider({ key });
    const b = new LocalKeyProvider({ key: Buffer.from(key) });
    const c = new LocalKeyProvider({ key: randomBytes(32) });
    const m = await a.mac('cnp#5150412350016');
    expect(m).toHaveLength(32);
    expect((await b.mac('cnp#5150412350016')).equals(m)).toBe(true);
    expect((await c.mac('cnp#5150412350016')).equals(m)).toBe(false);
    expect((await a.mac('cnp#5150412350017')).equals(m)).toBe(false);
  });

  it('persists across provider instances through the file (a restart decrypts old data)', async () => {
    const file = join(tmp(), 'field-key');
    const first = new LocalKeyProvider({ file });
    const dk = await first.generateDataKey(ctx);
    const second = new LocalKeyProvider({ file });
    expect((await second.decryptDataKey(dk.encrypted, dk.keyId, ctx)).equals(dk.plaintext)).toBe(true);
    expect(readFileSync(file)).toHaveLength(32);
  });
});

describe('KmsKeyProvider', () => {
  function fakeKms() {
    const calls: { op: string; input: unknown }[] = [];
    const master = randomBytes(32);
    const api: KmsApi = {
      async generateDataKey(input) {
        calls.push({ op: 'GenerateDataKey', input });
        const p = randomBytes(32);
        return { KeyId: `${input.KeyId}/resolved`, Plaintext: p, CiphertextBlob: Buffer.concat([Buffer.from('wrapped:'), p]) };
      },
      async decrypt(input) {
        calls.push({ op: 'Decrypt', input });
        return { Plaintext: Buffer.from(input.CiphertextBlob).subarray(8) };
      },
      async generateMac(input) {
        calls.push({ op: 'GenerateMac', input });
        const { createHmac } = await import('node:crypto');
        return { Mac: createHmac('sha256', master).update(input.Message).digest() };
      },
    };
    return { api, calls };
  }

  it('asks KMS for AES-256 data keys with the encryption context, and decrypts with the same context', async () => {
    const { api, calls } = fakeKms();
    const p = new KmsKeyProvider({ keyId: 'arn:aws:kms:eu-central-1:1:key/field', macKeyId: 'arn:aws:kms:eu-central-1:1:key/mac', api });
    const dk = await p.generateDataKey(ctx);
    expect(dk.keyId).toBe('arn:aws:kms:eu-central-1:1:key/field/resolved');
    const back = await p.decryptDataKey(dk.encrypted, dk.keyId, ctx);
    expect(back.equals(dk.plaintext)).toBe(true);
    expect(calls[0]).toEqual({ op: 'GenerateDataKey', input: { KeyId: 'arn:aws:kms:eu-central-1:1:key/field', KeySpec: 'AES_256', EncryptionContext: ctx } });
    expect(calls[1]).toMatchObject({ op: 'Decrypt', input: { KeyId: dk.keyId, EncryptionContext: ctx } });
  });

  it('hashes identity keys with GenerateMac under the HMAC key, and refuses without one', async () => {
    const { api, calls } = fakeKms();
    const p = new KmsKeyProvider({ keyId: 'k', macKeyId: 'mac-key', api });
    const m1 = await p.mac('nbd#pop ana#2015-01-01');
    expect((await p.mac('nbd#pop ana#2015-01-01')).equals(m1)).toBe(true);
    expect(calls.at(-1)).toMatchObject({ op: 'GenerateMac', input: { KeyId: 'mac-key', MacAlgorithm: 'HMAC_SHA_256' } });
    await expect(new KmsKeyProvider({ keyId: 'k', api }).mac('x')).rejects.toThrow(KeyConfigurationError);
  });
});

describe('keyProviderFromEnv', () => {
  it('uses KMS in AWS, the key file locally, and refuses to run without a key', () => {
    expect(keyProviderFromEnv({ VATRA_FIELD_KEY_ID: 'arn:key', VATRA_FIELD_KEY_FILE: '/x' }).kind).toBe('kms');
    expect(keyProviderFromEnv({ VATRA_FIELD_KEY_FILE: join(tmp(), 'k') }).kind).toBe('local');
    expect(() => keyProviderFromEnv({})).toThrow(KeyConfigurationError);
  });
});
