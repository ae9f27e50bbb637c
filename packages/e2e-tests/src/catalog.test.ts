import {
  E2E_BLUEPRINT,
  startStack,
  waitForWorkspace,
  type Stack,
} from './stack';

/** Polls `probe` every 250 ms until it returns a value, for at most `timeoutMs`. */
async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 250));
  }
}

/**
 * Issue 3 across plugins, with the real backend: the catalog module's workspace entities and
 * blueprint validation, and the scaffolder action, all in one Backstage process with an agent.
 */
describe('workspaces in the catalog and the scaffolder', () => {
  let stack: Stack;

  const catalog = async (path: string) => {
    const res = await fetch(`${stack.baseUrl}/api/catalog${path}`, {
      headers: { Authorization: `Bearer ${await stack.guestToken()}` },
    });
    return { status: res.status, body: res.ok ? await res.json() : undefined };
  };

  beforeAll(async () => {
    // The guest (guest@corp.example) as an ordinary user: no RDE admin rights.
    stack = await startStack({ rde: { admins: [] } });
    await stack.startAgent();
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it("knows the signed-in user's email from their catalog User entity", async () => {
    const me = await eventually('the email of the guest', async () => {
      const { body } = await stack.api('GET', '/me');
      return body?.email ? body : undefined;
    });
    expect(me).toEqual({
      userRef: 'user:development/guest',
      email: 'guest@corp.example',
      isAdmin: false,
    });
  });

  it('emits a workspace as a Resource entity while it exists', async () => {
    const created = await stack.api('POST', '/workspaces', {
      blueprint: E2E_BLUEPRINT,
    });
    expect(created.status).toBe(202);
    const id = created.body.id;
    await waitForWorkspace(stack, id, 'running');

    const entity = await eventually(
      'the workspace entity to be running',
      async () => {
        const res = await catalog(
          `/entities/by-name/resource/default/ws-${id}`,
        );
        return res.body?.metadata?.annotations?.['rde/workspace-status'] ===
          'running'
          ? res.body
          : undefined;
      },
    );
    expect(entity).toMatchObject({
      kind: 'Resource',
      metadata: {
        title: created.body.name,
        annotations: {
          'rde/workspace-id': id,
          'rde/cluster': 'local',
          'rde/blueprint': `template:default/${E2E_BLUEPRINT}`,
        },
      },
      spec: { type: 'rde-workspace', owner: 'user:development/guest' },
    });
    expect(created.body.ownerEmail).toBe('guest@corp.example');
    expect(entity.relations).toEqual(
      expect.arrayContaining([
        { type: 'ownedBy', targetRef: 'user:development/guest' },
        { type: 'dependsOn', targetRef: `template:default/${E2E_BLUEPRINT}` },
      ]),
    );

    expect((await stack.api('DELETE', `/workspaces/${id}`)).status).toBe(202);
    await eventually('the workspace entity to disappear', async () => {
      const res = await catalog(`/entities/by-name/resource/default/ws-${id}`);
      return res.status === 404 ? true : undefined;
    });
  });

  it('does not offer a blueprint whose rde block is invalid, and the catalog says which field', async () => {
    const { body } = await stack.api('GET', '/blueprints');
    expect(body.items.map((b: any) => b.name)).toContain(E2E_BLUEPRINT);
    expect(body.items.map((b: any) => b.name)).not.toContain(
      'broken-blueprint',
    );
    const refused = await stack.api('POST', '/workspaces', {
      blueprint: 'broken-blueprint',
    });
    expect(refused.status).toBe(400);
    // Never valid, so never in the catalog (not half-applied)…
    const entity = await catalog(
      '/entities/by-name/template/default/broken-blueprint',
    );
    expect(entity.status).toBe(404);
    // …and the catalog's processing error, logged by catalog-backend-module-logs, names the field.
    const logged = await eventually(
      'the processing error in the log',
      async () =>
        stack
          .output()
          .split('\n')
          .find(
            line =>
              line.includes('template:default/broken-blueprint') &&
              line.includes('rde.ports[0].port'),
          ),
    );
    expect(logged).toMatch(/warn/);
  });

  it('hides a blueprint whose ACL does not match the user everywhere: RDE, catalog, scaffolder', async () => {
    const { body } = await stack.api('GET', '/blueprints');
    expect(body.items.map((b: any) => b.name)).not.toContain('restricted-lab');
    // The template entity exists (the catalog ingested it)…
    expect((await stack.api('GET', '/admin/blueprints')).status).toBe(403);
    // …but the user cannot read it in the catalog, nor its form on the Create page.
    expect(
      (await catalog('/entities/by-name/template/default/restricted-lab'))
        .status,
    ).toBe(404);
    const schema = await fetch(
      `${stack.baseUrl}/api/scaffolder/v2/templates/default/template/restricted-lab/parameter-schema`,
      { headers: { Authorization: `Bearer ${await stack.guestToken()}` } },
    );
    expect(schema.ok).toBe(false);
    const listed = await catalog('/entities?filter=kind=template');
    const names = listed.body.map((e: any) => e.metadata.name);
    expect(names).toContain(E2E_BLUEPRINT);
    expect(names).toContain('python-app'); // corp.example: the guest's domain
    expect(names).not.toContain('restricted-lab');
  });

  it('creates a workspace from the Create page: the scaffolder runs rde:workspace:create as the user', async () => {
    const token = await stack.guestToken();
    const res = await fetch(`${stack.baseUrl}/api/scaffolder/v2/tasks`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        templateRef: `template:default/${E2E_BLUEPRINT}`,
        values: {},
      }),
    });
    expect(res.status).toBe(201);
    const { id: taskId } = await res.json();
    const task = await eventually(
      'the scaffolder task to finish',
      async () => {
        const r = await fetch(
          `${stack.baseUrl}/api/scaffolder/v2/tasks/${taskId}`,
          {
            headers: { Authorization: `Bearer ${token}` },
          },
        );
        const body = await r.json();
        return ['completed', 'failed', 'cancelled'].includes(body.status)
          ? body
          : undefined;
      },
      120_000,
    );
    expect(task.status).toBe('completed');
    const mine = await stack.api('GET', '/workspaces');
    const fromTask = mine.body.items.find(
      (w: any) =>
        w.blueprint === `template:default/${E2E_BLUEPRINT}` &&
        w.status === 'running',
    );
    expect(fromTask).toMatchObject({ owner: 'user:development/guest' });
  });
});
