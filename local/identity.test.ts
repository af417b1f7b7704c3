import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalIdentity } from './identity.js';

const user = { username: 'u', name: 'Test', groups: ['case_manager' as const], institution: 'DAS' as const };

describe('local identity: replacing an account', () => {
  it("ends the replaced account's refresh sessions and keeps other users' sessions", async () => {
    const id = await LocalIdentity.open(mkdtempSync(join(tmpdir(), 'vatra-identity-')), 'http://localhost/issuer');
    await id.addUser({ ...user, password: 'correct horse' });
    await id.addUser({ ...user, username: 'other', password: 'battery staple' });
    const now = new Date();
    const before = await id.login('u', 'correct horse', now);
    const others = await id.login('other', 'battery staple', now);
    if (!before.ok || !others.ok) throw new Error('login failed');
    expect((await id.refresh(before.refreshToken, now)).ok).toBe(true);

    await id.addUser({ ...user, password: 'a new password' });

    expect(await id.refresh(before.refreshToken, now)).toMatchObject({ ok: false, code: 'REFRESH_REVOKED' });
    expect((await id.refresh(others.refreshToken, now)).ok).toBe(true);
    expect((await id.login('u', 'correct horse', now)).ok).toBe(false);
    const after = await id.login('u', 'a new password', now);
    if (!after.ok) throw new Error('login with the new password failed');
    expect((await id.refresh(after.refreshToken, now)).ok).toBe(true);
  });
});
