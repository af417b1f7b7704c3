/**
 * Key providers for field-level (envelope) encryption and for the keyed hashes of identity keys.
 *
 * - AWS: KmsKeyProvider. Data keys from KMS GenerateDataKey (AES_256) under the field key (VATRA_FIELD_KEY_ID),
 *   unwrapped with KMS Decrypt; identity-key hashes with KMS GenerateMac (HMAC_SHA_256) under an HMAC key
 *   (VATRA_IDENTITY_MAC_KEY_ID). The KMS client is loaded with a dynamic import, so the local runtime never needs it.
 * - Locally: LocalKeyProvider. A 32-byte master key in a file (VATRA_FIELD_KEY_FILE, created on first start with
 *   mode 0600) wraps data keys with AES-256-GCM; the identity-key HMAC key is derived from it with HKDF.
 *
 * Both bind every data key to an encryption context (what it protects), so a wrapped key cannot be reused elsewhere.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export type EncryptionContext = Readonly<Record<string, string>>;

export interface DataKey {
  /** id of the master key that wrapped it (stored beside the ciphertext) */
  keyId: string;
  plaintext: Buffer;
  encrypted: Buffer;
}

export interface KeyProvider {
  readonly kind: 'local' | 'kms';
  generateDataKey(context: EncryptionContext): Promise<DataKey>;
  decryptDataKey(encrypted: Buffer, keyId: string, context: EncryptionContext): Promise<Buffer>;
  /** deterministic keyed hash (HMAC-SHA-256) for lookup keys that must not reveal what they were made from */
  mac(message: string): Promise<Buffer>;
}

export class KeyConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyConfigurationError';
  }
}

export class KeyUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyUnavailableError';
  }
}

const contextAad = (context: EncryptionContext) =>
  Buffer.from(JSON.stringify(Object.keys(context).sort().map((k) => [k, context[k]])), 'utf8');

/** Read the 32-byte key file, or create it (exclusively, 0600) when it does not exist yet. */
export function loadOrCreateKeyFile(path: string): Buffer {
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const key = randomBytes(32);
    try {
      const fd = openSync(path, 'wx', 0o600);
      try {
        writeSync(fd, key);
      } finally {
        closeSync(fd);
      }
      return key;
    } catch (e) {
      // another function in the same runtime created it first: use theirs
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  const key = readFileSync(path);
  if (key.length !== 32) throw new KeyConfigurationError(`The field key file ${path} must hold exactly 32 bytes (found ${key.length}).`);
  return key;
}

export class LocalKeyProvider implements KeyProvider {
  readonly kind = 'local' as const;
  private master: Buffer | undefined;
  private macKey: Buffer | undefined;
  private id: string | undefined;

  constructor(private readonly source: { file: string } | { key: Buffer }) {}

  private load(): { master: Buffer; id: string; macKey: Buffer } {
    if (!this.master) {
      const master = 'key' in this.source ? this.source.key : loadOrCreateKeyFile(this.source.file);
      if (master.length !== 32) throw new KeyConfigurationError('The local field key must be 32 bytes.');
      this.master = master;
      this.id = `local:${createHash('sha256').update(master).digest('hex').slice(0, 16)}`;
      this.macKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'vatra/identity-keys/v1', 32));
    }
    return { master: this.master, id: this.id!, macKey: this.macKey! };
  }

  get keyId(): string {
    return this.load().id;
  }

  async generateDataKey(context: EncryptionContext): Promise<DataKey> {
    const { master, id } = this.load();
    const plaintext = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', master, iv);
    cipher.setAAD(contextAad(context));
    const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { keyId: id, plaintext, encrypted: Buffer.concat([iv, cipher.getAuthTag(), ct]) };
  }

  async decryptDataKey(encrypted: Buffer, keyId: string, context: EncryptionContext): Promise<Buffer> {
    const { master, id } = this.load();
    if (keyId !== id) throw new KeyUnavailableError(`Data key wrapped by ${keyId}, but the local key is ${id}.`);
    if (encrypted.length !== 12 + 16 + 32) throw new KeyUnavailableError('Malformed wrapped data key.');
    const decipher = createDecipheriv('aes-256-gcm', master, encrypted.subarray(0, 12));
    decipher.setAAD(contextAad(context));
    decipher.setAuthTag(encrypted.subarray(12, 28));
    try {
      return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]);
    } catch {
      throw new KeyUnavailableError('The wrapped data key does not verify (wrong key or context, or altered).');
    }
  }

  async mac(message: string): Promise<Buffer> {
    return createHmac('sha256', this.load().macKey).update(message, 'utf8').digest();
  }
}

/** The three KMS calls Vatra makes; the default implementation wraps @aws-sdk/client-kms. */
export interface KmsApi {
  generateDataKey(input: { KeyId: string; KeySpec: 'AES_256'; EncryptionContext: Record<string, string> }): Promise<{ KeyId?: string; Plaintext?: Uint8Array; CiphertextBlob?: Uint8Array }>;
  decrypt(input: { KeyId: string; CiphertextBlob: Uint8Array; EncryptionContext: Record<string, string> }): Promise<{ Plaintext?: Uint8Array }>;
  generateMac(input: { KeyId: string; MacAlgorithm: 'HMAC_SHA_256'; Message: Uint8Array }): Promise<{ Mac?: Uint8Array }>;
}

export async function sdkKmsApi(region?: string): Promise<KmsApi> {
  // loaded on first use only: the local runtime (key file) never touches KMS; esbuild still bundles it for Lambda
  const m = await import('@aws-sdk/client-kms');
  const client = new m.KMSClient(region ? { region } : {});
  return {
    generateDataKey: (input) => client.send(new m.GenerateDataKeyCommand(input)),
    decrypt: (input) => client.send(new m.DecryptCommand(input)),
    generateMac: (input) => client.send(new m.GenerateMacCommand(input)),
  };
}

export class KmsKeyProvider implements KeyProvider {
  readonly kind = 'kms' as const;
  private api: Promise<KmsApi> | undefined;

  constructor(private readonly opts: { keyId: string; macKeyId?: string | undefined; api?: KmsApi; region?: string | undefined }) {}

  private client(): Promise<KmsApi> {
    this.api ??= this.opts.api ? Promise.resolve(this.opts.api) : sdkKmsApi(this.opts.region);
    return this.api;
  }

  async generateDataKey(context: EncryptionContext): Promise<DataKey> {
    const r = await (await this.client()).generateDataKey({ KeyId: this.opts.keyId, KeySpec: 'AES_256', EncryptionContext: { ...context } });
    if (!r.Plaintext || !r.CiphertextBlob) throw new KeyUnavailableError('KMS GenerateDataKey returned no key.');
    return { keyId: r.KeyId ?? this.opts.keyId, plaintext: Buffer.from(r.Plaintext), encrypted: Buffer.from(r.CiphertextBlob) };
  }

  async decryptDataKey(encrypted: Buffer, keyId: string, context: EncryptionContext): Promise<Buffer> {
    const r = await (await this.client()).decrypt({ KeyId: keyId, CiphertextBlob: encrypted, EncryptionContext: { ...context } });
    if (!r.Plaintext) throw new KeyUnavailableError('KMS Decrypt returned no key.');
    return Buffer.from(r.Plaintext);
  }

  async mac(message: string): Promise<Buffer> {
    if (!this.opts.macKeyId) throw new KeyConfigurationError('VATRA_IDENTITY_MAC_KEY_ID is not set: identity keys cannot be hashed.');
    const r = await (await this.client()).generateMac({ KeyId: this.opts.macKeyId, MacAlgorithm: 'HMAC_SHA_256', Message: Buffer.from(message, 'utf8') });
    if (!r.Mac) throw new KeyUnavailableError('KMS GenerateMac returned no MAC.');
    return Buffer.from(r.Mac);
  }
}

/**
 * The provider the environment configures: KMS when VATRA_FIELD_KEY_ID is set (AWS), the local key file when
 * VATRA_FIELD_KEY_FILE is set (local runtime). Neither → an error: Vatra never stores sensitive fields unencrypted.
 */
export function keyProviderFromEnv(env: NodeJS.ProcessEnv = process.env): KeyProvider {
  if (env.VATRA_FIELD_KEY_ID) return new KmsKeyProvider({ keyId: env.VATRA_FIELD_KEY_ID, macKeyId: env.VATRA_IDENTITY_MAC_KEY_ID, region: env.AWS_REGION });
  if (env.VATRA_FIELD_KEY_FILE) return new LocalKeyProvider({ file: env.VATRA_FIELD_KEY_FILE });
  throw new KeyConfigurationError('No field encryption key configured: set VATRA_FIELD_KEY_ID (AWS KMS) or VATRA_FIELD_KEY_FILE (local).');
}

let shared: KeyProvider | undefined;
/** One provider per process (warm Lambda containers reuse it and its caches). */
export function defaultKeyProvider(): KeyProvider {
  shared ??= keyProviderFromEnv();
  return shared;
}
