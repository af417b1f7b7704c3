import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { installChangeJournal, journalledCase } from './journal.js';

/** A document client whose requests never leave: each command's name and (document) input is recorded. */
function recordingClient() {
  const sent: { command: string; input: Record<string, unknown> }[] = [];
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-central-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }));
  installChangeJournal(doc);
  doc.middlewareStack.add((_next, context) => async (args) => {
    sent.push({ command: (context as { commandName: string }).commandName, input: structuredClone(args.input as Record<string, unknown>) });
    return { output: { $metadata: {} }, response: {} } as never;
  }, { step: 'initialize', priority: 'low', name: 'record' });
  return { doc, sent };
}
const T = 'vatra-main';

describe('the change journal', () => {
  it('names the case of a case item, an enrolment and a ledger line, and nothing else', () => {
    expect(journalledCase({ pk: 'CASE#01ABC', sk: 'CASE' })).toBe('01ABC');
    expect(journalledCase({ pk: 'CASE#01ABC', sk: 'ENR#e1' })).toBe('01ABC');
    expect(journalledCase({ pk: 'PAID#01ABC', sk: '2026-03' })).toBe('01ABC');
    for (const k of [{ pk: 'CASE#01ABC', sk: 'HIST#00000002' }, { pk: 'CASE#01ABC', sk: 'PART#2026-03#int-a' }, { pk: 'SHEET#x', sk: 'MARK#01ABC' }, { pk: 'PAID#IMPORT', sk: 'x' }]) {
      expect(journalledCase(k)).toBeNull();
    }
  });

  it('puts one journal entry per case inside the same transaction, and none for other items', async () => {
    const { doc, sent } = recordingClient();
    await doc.send(new TransactWriteCommand({ TransactItems: [
      { Put: { TableName: T, Item: { pk: 'CASE#a', sk: 'CASE', version: 2 } } },
      { Put: { TableName: T, Item: { pk: 'CASE#a', sk: 'HIST#00000002' } } },
      { Update: { TableName: T, Key: { pk: 'CASE#a', sk: 'ENR#1' }, UpdateExpression: 'SET x = :x', ExpressionAttributeValues: { ':x': 1 } } },
      { Put: { TableName: T, Item: { pk: 'PAID#b', sk: '2026-03' } } },
    ] }));
    expect(sent).toHaveLength(1);
    const items = (sent[0]!.input.TransactItems as { Put?: { Item: Record<string, unknown> } }[]).slice(4);
    expect(items.map((i) => i.Put!.Item.caseId).sort()).toEqual(['a', 'b']);
    expect(items.every((i) => String(i.Put!.Item.pk).startsWith('RJOURNAL#') && typeof i.Put!.Item.token === 'string')).toBe(true);

    sent.length = 0;
    await doc.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: T, Item: { pk: 'SHEET#g', sk: 'MARK#a' } } }, { Update: { TableName: T, Key: { pk: 'CASE#a', sk: 'PART#2026-03#x' }, UpdateExpression: 'ADD n :n', ExpressionAttributeValues: { ':n': 1 } } }] }));
    await doc.send(new GetCommand({ TableName: T, Key: { pk: 'CASE#a', sk: 'CASE' } }));
    expect(sent.map((s) => s.command)).toEqual(['TransactWriteItemsCommand', 'GetItemCommand']);
    expect((sent[0]!.input.TransactItems as unknown[]).length).toBe(2);
  });

  it('journals a single write or a batch after it, and a full transaction after it', async () => {
    const { doc, sent } = recordingClient();
    await doc.send(new PutCommand({ TableName: T, Item: { pk: 'PAID#c', sk: '2026-04', amount: 400 } }));
    await doc.send(new UpdateCommand({ TableName: T, Key: { pk: 'CASE#d', sk: 'CASE' }, UpdateExpression: 'SET x = :x', ExpressionAttributeValues: { ':x': 1 } }));
    await doc.send(new BatchWriteCommand({ RequestItems: { [T]: [{ DeleteRequest: { Key: { pk: 'CASE#e', sk: 'ENR#1' } } }] } }));
    expect(sent.map((s) => [s.command, (s.input.Item as Record<string, unknown> | undefined)?.caseId ?? null])).toEqual([
      ['PutItemCommand', null], ['PutItemCommand', 'c'], ['UpdateItemCommand', null], ['PutItemCommand', 'd'], ['BatchWriteItemCommand', null], ['PutItemCommand', 'e'],
    ]);
    sent.length = 0;
    const full = Array.from({ length: 100 }, (_, i) => ({ Put: { TableName: T, Item: { pk: `CASE#f${i}`, sk: 'CASE' } } }));
    await doc.send(new TransactWriteCommand({ TransactItems: full }));
    expect((sent[0]!.input.TransactItems as unknown[]).length).toBe(100);
    expect(sent.slice(1).map((s) => (s.input.Item as Record<string, unknown>).caseId)).toHaveLength(100);
  });
});
