/**
 * How long a staff sign-in lives, one definition for both identity providers (decision record 016):
 * - the ID token (what the SPA sends to the API) is short-lived and kept in the SPA's memory only;
 * - a refresh credential gives new ID tokens: locally an HttpOnly, SameSite=Strict cookie scoped to `/auth`
 *   (local/identity.ts, local/http.ts), on AWS Cognito's refresh token, held in the SPA's memory (refresh token grant);
 * - the SPA signs out after a stretch without keyboard or pointer activity.
 * The local runtime reads overrides from VATRA_ID_TOKEN_TTL_S, VATRA_REFRESH_TTL_S and VATRA_SESSION_IDLE_S;
 * the Cognito user-pool client (infra/stacks/identity-stack.ts) and the deployed config.json use the defaults.
 */
import { z } from 'zod';

/** ID (and Cognito access) token lifetime: 15 minutes. */
export const ID_TOKEN_TTL_SECONDS = 15 * 60;
/** Refresh credential lifetime: a working day. Past it, the user signs in again whatever they did. */
export const REFRESH_TTL_SECONDS = 8 * 3600;
/** Sign out after this long without activity: 30 minutes. */
export const SESSION_IDLE_SECONDS = 30 * 60;

export interface SessionLifetime {
  idTokenTtlSeconds: number;
  refreshTtlSeconds: number;
  idleSeconds: number;
}

export const defaultSessionLifetime: SessionLifetime = {
  idTokenTtlSeconds: ID_TOKEN_TTL_SECONDS,
  refreshTtlSeconds: REFRESH_TTL_SECONDS,
  idleSeconds: SESSION_IDLE_SECONDS,
};

const seconds = (min: number, max: number) => z.coerce.number().int().min(min).max(max).optional();

const envSchema = z
  .object({
    VATRA_ID_TOKEN_TTL_S: seconds(5, 24 * 3600),
    VATRA_REFRESH_TTL_S: seconds(60, 30 * 24 * 3600),
    VATRA_SESSION_IDLE_S: seconds(10, 24 * 3600),
  })
  .refine((e) => (e.VATRA_REFRESH_TTL_S ?? REFRESH_TTL_SECONDS) > (e.VATRA_ID_TOKEN_TTL_S ?? ID_TOKEN_TTL_SECONDS), {
    message: 'VATRA_REFRESH_TTL_S trebuie să fie mai mare decât VATRA_ID_TOKEN_TTL_S.',
    path: ['VATRA_REFRESH_TTL_S'],
  });

/** The lifetimes from the environment (unset or empty → default); throws with a Romanian message on a bad value. */
export function sessionLifetimeFromEnv(env: Record<string, string | undefined>): SessionLifetime {
  const pick = (k: string) => (env[k] === undefined || env[k] === '' ? undefined : env[k]);
  const r = envSchema.safeParse({
    VATRA_ID_TOKEN_TTL_S: pick('VATRA_ID_TOKEN_TTL_S'),
    VATRA_REFRESH_TTL_S: pick('VATRA_REFRESH_TTL_S'),
    VATRA_SESSION_IDLE_S: pick('VATRA_SESSION_IDLE_S'),
  });
  if (!r.success) {
    throw new Error(`Setări de sesiune invalide: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return {
    idTokenTtlSeconds: r.data.VATRA_ID_TOKEN_TTL_S ?? ID_TOKEN_TTL_SECONDS,
    refreshTtlSeconds: r.data.VATRA_REFRESH_TTL_S ?? REFRESH_TTL_SECONDS,
    idleSeconds: r.data.VATRA_SESSION_IDLE_S ?? SESSION_IDLE_SECONDS,
  };
}
