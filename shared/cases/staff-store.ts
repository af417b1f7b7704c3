/**
 * Staff directory: who can be assigned work and how they want to be told. Cognito (or the local identity provider)
 * owns credentials; this profile is upserted from the token's claims at each sign-in and read for assignment lists
 * and e-mail recipients. Indexed by institution + role, no scans.
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Principal, Role } from '../platform/auth/principal.js';
import { stripKeys, type Db } from '../platform/db/db.js';

export interface StaffProfile {
  userId: string;
  username: string;
  displayName: string;
  email?: string | undefined;
  roles: Role[];
  institution: string;
  services: string[];
  /** immediate mails or one daily digest; without e-mail the UI inbox only */
  mailPreference: 'immediate' | 'digest';
  updatedAt: string;
}

const key = (userId: string) => ({ pk: `USER#${userId}`, sk: 'PROFILE' });

export class UserStore {
  constructor(private readonly db: Db) {}

  private items(p: StaffProfile) {
    // one index entry per role: gsi1 for the first role; extra roles get their own small pointer items
    return p.roles.map((role, i) => ({
      ...(i === 0 ? { ...p, ...key(p.userId), entity: 'user' } : { pk: `USER#${p.userId}`, sk: `ROLE#${role}`, entity: 'user-role', userId: p.userId }),
      gsi1pk: `ROLE#${role}#${p.institution}`,
      gsi1sk: `${p.displayName}#${p.userId}`,
    }));
  }

  async upsertFromPrincipal(p: Principal, now = new Date()): Promise<StaffProfile> {
    const existing = await this.get(p.userId);
    const profile: StaffProfile = {
      userId: p.userId,
      username: p.username,
      displayName: p.displayName,
      email: p.email,
      roles: p.roles,
      institution: p.institution,
      services: p.services,
      mailPreference: existing?.mailPreference ?? 'immediate',
      updatedAt: now.toISOString(),
    };
    const same = existing && JSON.stringify({ ...existing, updatedAt: '' }) === JSON.stringify({ ...profile, updatedAt: '' });
    if (!same) for (const item of this.items(profile)) await this.db.doc.send(new PutCommand({ TableName: this.db.mainTable, Item: item }));
    return profile;
  }

  async get(userId: string): Promise<StaffProfile | undefined> {
    const r = await this.db.doc.send(new GetCommand({ TableName: this.db.mainTable, Key: key(userId) }));
    return r.Item ? stripKeys<StaffProfile>(r.Item) : undefined;
  }

  async setMailPreference(userId: string, pref: StaffProfile['mailPreference']): Promise<void> {
    await this.db.doc.send(new UpdateCommand({
      TableName: this.db.mainTable, Key: key(userId),
      UpdateExpression: 'SET mailPreference = :p', ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':p': pref },
    }));
  }

  async byRole(role: Role, institution: string): Promise<StaffProfile[]> {
    const r = await this.db.doc.send(new QueryCommand({
      TableName: this.db.mainTable, IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': `ROLE#${role}#${institution}` },
    }));
    const out: StaffProfile[] = [];
    for (const i of r.Items ?? []) {
      if (i.entity === 'user') out.push(stripKeys<StaffProfile>(i));
      else {
        const full = await this.get(String(i.userId));
        if (full) out.push(full);
      }
    }
    return out;
  }
}
