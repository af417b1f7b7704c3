/** The one batch read: chunks of 100, each key asked once, unprocessed keys asked again, then given up. */
import { describe, expect, it } from 'vitest';
import { batchGetAll, type Db } from './db.js';

type Key = { pk: string; sk: string };

function fakeDb(answer: (keys: Key[], call: number) => { found: Key[]; unprocessed?: Key[] }) {
  const calls: { keys: Key[]; consistent: boolean | undefined }[] = [];
  const db = {
    mainTable: 'main',
    auditTable: 'audit',
    doc: {
      async send(cmd: { input: { RequestItems: Record<string, { Keys: Key[]; ConsistentRead?: boolean }> } }) {
        const req = cmd.input.RequestItems.main!;
        calls.push({ keys: req.Keys, consistent: req.ConsistentRead });
        const { found, unprocessed } = answer(req.Keys, calls.length);
        return { Responses: { main: found.map((k) => ({ ...k, v: 1 })) }, ...(unprocessed?.length ? { UnprocessedKeys: { main: { Keys: unprocessed } } } : {}) };
      },
    },
  } as unknown as Db;
  return { db, calls };
}

const keys = (n: number) => Array.from({ length: n }, (_, i) => ({ pk: `K#${i}`, sk: 'S' }));

describe('batchGetAll', () => {
  it('asks in chunks of 100, each key once, consistent unless told otherwise, and returns what exists', async () => {
    const { db, calls } = fakeDb((ks) => ({ found: ks.filter((k) => k.pk !== 'K#7') }));
    const got = await batchGetAll(db, [...keys(250), { pk: 'K#3', sk: 'S' }]);
    expect(calls.map((c) => c.keys.length)).toEqual([100, 100, 50]);
    expect(calls.every((c) => c.consistent === true)).toBe(true);
    expect(got).toHaveLength(249);
    const lax = fakeDb((ks) => ({ found: ks }));
    await batchGetAll(lax.db, keys(3), { consistentRead: false });
    expect(lax.calls[0]!.consistent).toBe(false);
  });

  it('asks again for the keys DynamoDB left unprocessed', async () => {
    const { db, calls } = fakeDb((ks, call) => (call === 1 ? { found: ks.slice(0, 2), unprocessed: ks.slice(2) } : { found: ks }));
    const got = await batchGetAll(db, keys(5));
    expect(calls.map((c) => c.keys.map((k) => k.pk))).toEqual([['K#0', 'K#1', 'K#2', 'K#3', 'K#4'], ['K#2', 'K#3', 'K#4']]);
    expect(got.map((i) => i.pk).sort()).toEqual(['K#0', 'K#1', 'K#2', 'K#3', 'K#4']);
  });

  it('gives up after 10 attempts rather than looping for ever', async () => {
    const { db, calls } = fakeDb((ks) => ({ found: [], unprocessed: ks }));
    await expect(batchGetAll(db, keys(1))).rejects.toThrow('BatchGet: keys left unprocessed');
    expect(calls).toHaveLength(10);
  }, 20_000);
});
