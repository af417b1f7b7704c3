/**
 * Structured logs (Powertools). Personal data never goes to logs: callers log ids and codes only, and the
 * redaction below strips known personal fields from anything that slips through.
 */
import { Logger } from '@aws-lambda-powertools/logger';

const PERSONAL_KEYS = /^(cnp|firstName|lastName|name|fullName|childName|parentName|ethnicity|roma|health|disability|iban|address|phone|birthDate|email)$/i;
const CNP_LIKE = /\b[1-9]\d{12}\b/g;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[…]';
  if (typeof value === 'string') return value.replace(CNP_LIKE, '[CNP]');
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = PERSONAL_KEYS.test(k) ? '[redactat]' : redact(v, depth + 1);
    }
    return out;
  }
  return value;
}

class RedactingLogger extends Logger {
  override info(message: string, ...extra: unknown[]) { super.info(message, ...(extra.map((e) => redact(e)) as [])); }
  override warn(message: string, ...extra: unknown[]) { super.warn(message, ...(extra.map((e) => redact(e)) as [])); }
  override error(message: string, ...extra: unknown[]) { super.error(message, ...(extra.map((e) => redact(e)) as [])); }
  override debug(message: string, ...extra: unknown[]) { super.debug(message, ...(extra.map((e) => redact(e)) as [])); }
}

export const logger = new RedactingLogger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'vatra', logLevel: (process.env.VATRA_LOG_LEVEL as 'INFO') ?? 'INFO' });
