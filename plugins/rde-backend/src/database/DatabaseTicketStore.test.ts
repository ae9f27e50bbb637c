import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseTicketStore } from './DatabaseTicketStore';
import { getMigratedClient } from './migrations';
import { TicketService, hashTicket } from '../service/TicketService';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const WS = '11111111-2222-4333-8444-555555555555';
const USER = 'user:default/a';

describe.each(databases.eachSupportedId())('tickets on %p', databaseId => {
  async function setup(now: () => number = Date.now) {
    const knex = await databases.init(databaseId);
    const db = await getMigratedClient(mockServices.database({ knex }));
    const store = new DatabaseTicketStore(db);
    return { db, store, service: new TicketService({ store, now }) };
  }

  it('issues a 256-bit base64url ticket that expires in 30 s and is stored only as a hash', async () => {
    const t0 = Date.UTC(2025, 0, 1, 12, 0, 0);
    const { db, service } = await setup(() => t0);
    const issued = await service.issue(USER, WS, 'terminal', {
      cols: 120,
      rows: 40,
    });

    expect(issued.ticket).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(issued.ticket, 'base64url')).toHaveLength(32);
    expect(issued.expiresAt).toBe(new Date(t0 + 30_000).toISOString());
    expect(issued.path).toBe('/terminal');

    const rows = await db('rde_tickets').select();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(issued.ticket);
    expect(rows[0]).toMatchObject({
      hash: hashTicket(issued.ticket),
      kind: 'terminal',
      user_ref: USER,
      workspace_id: WS,
    });
    expect(Number(rows[0].expires_at)).toBe(t0 + 30_000);
  });

  it('consumes a ticket once, returning what it is bound to', async () => {
    const { service } = await setup();
    const { ticket } = await service.issue(USER, WS, 'terminal', {
      cols: 90,
      rows: 30,
    });
    expect(await service.consume(ticket, 'terminal')).toEqual({
      userRef: USER,
      workspaceId: WS,
      cols: 90,
      rows: 30,
    });
    expect(await service.consume(ticket, 'terminal')).toBeUndefined();
  });

  it('has exactly one winner among 50 concurrent consumers', async () => {
    const { db, service } = await setup();
    const { ticket } = await service.issue(USER, WS, 'terminal', {
      cols: 80,
      rows: 24,
    });
    const results = await Promise.all(
      Array.from({ length: 50 }, () => service.consume(ticket, 'terminal')),
    );
    expect(results.filter(r => r !== undefined)).toHaveLength(1);
    expect(await db('rde_tickets').select()).toHaveLength(0);
  });

  it('refuses an expired ticket (at exactly 30 s) and cleanup deletes it', async () => {
    let now = Date.UTC(2025, 0, 1, 12, 0, 0);
    const { db, service } = await setup(() => now);
    const { ticket } = await service.issue(USER, WS, 'terminal', {
      cols: 80,
      rows: 24,
    });
    const { ticket: fresh } = await service.issue(USER, WS, 'terminal', {
      cols: 80,
      rows: 24,
    });

    now += 29_999;
    expect(await service.consume(fresh, 'terminal')).toBeDefined();

    now += 1; // exactly expires_at
    expect(await service.consume(ticket, 'terminal')).toBeUndefined();
    expect(await db('rde_tickets').select()).toHaveLength(1);

    expect(await service.deleteExpired()).toBe(1);
    expect(await db('rde_tickets').select()).toHaveLength(0);
  });

  it('answers malformed input with undefined without querying the database', async () => {
    const { store, service } = await setup();
    const consume = jest.spyOn(store, 'consume');
    const { ticket } = await service.issue(USER, WS, 'terminal', {
      cols: 80,
      rows: 24,
    });
    for (const bad of [
      '',
      'short',
      `${ticket}A`,
      ticket.slice(1),
      `${ticket.slice(0, 42)}=`,
      `${ticket.slice(0, 42)}+`,
      `${ticket.slice(0, 42)}/`,
      `${ticket.slice(0, 41)}é`,
      "' OR 1=1 --                                 ",
      undefined,
      null,
      42,
      { ticket },
    ]) {
      expect(await service.consume(bad, 'terminal')).toBeUndefined();
    }
    expect(consume).not.toHaveBeenCalled();
    // The real ticket is still there.
    expect(await service.consume(ticket, 'terminal')).toBeDefined();
  });

  it('does not let a ticket be consumed as another kind', async () => {
    const { store, service } = await setup();
    const { ticket } = await service.issue(USER, WS, 'terminal', {
      cols: 80,
      rows: 24,
    });
    expect(
      await store.consume(hashTicket(ticket), 'preview' as any, Date.now()),
    ).toBeUndefined();
    expect(await service.consume(ticket, 'terminal')).toBeDefined();
  });
});
