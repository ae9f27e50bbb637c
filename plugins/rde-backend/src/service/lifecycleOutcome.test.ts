import { ServiceUnavailableError } from '@backstage/errors';
import { outcomeOfError, outcomeOfObservation } from './lifecycleOutcome';

const ws = 'w1';

describe('lifecycle outcomes', () => {
  it('maps the expected observation of each action to its final status', () => {
    expect(
      outcomeOfObservation('create', { workspaceId: ws, state: 'running' }),
    ).toEqual({
      status: 'running',
    });
    expect(
      outcomeOfObservation('start', { workspaceId: ws, state: 'running' }),
    ).toEqual({
      status: 'running',
    });
    expect(
      outcomeOfObservation('stop', { workspaceId: ws, state: 'stopped' }),
    ).toEqual({
      status: 'stopped',
    });
    expect(
      outcomeOfObservation('delete', { workspaceId: ws, state: 'absent' }),
    ).toEqual({
      status: 'deleted',
    });
  });

  it('turns anything else into failed with the agent message and a next step', () => {
    const failed = outcomeOfObservation('start', {
      workspaceId: ws,
      state: 'failed',
      message: 'image not found',
    });
    expect(failed.status).toBe('failed');
    expect(failed.message).toContain('could not be started: image not found');
    expect(failed.message).toMatch(/Try again/);

    const absent = outcomeOfObservation('stop', {
      workspaceId: ws,
      state: 'absent',
    });
    expect(absent).toEqual({
      status: 'failed',
      message: expect.stringContaining('Delete it and create a new one'),
    });

    const stillRunning = outcomeOfObservation('delete', {
      workspaceId: ws,
      state: 'running',
    });
    expect(stillRunning.status).toBe('failed');
    expect(stillRunning.message).toContain('running after the delete command');
  });

  it('explains an offline agent in words a person can act on', () => {
    const create = outcomeOfError(
      'create',
      'eu-1',
      new ServiceUnavailableError('no agent connected'),
    );
    expect(create.status).toBe('failed');
    expect(create.message).toContain(
      "The agent of cluster 'eu-1' is not connected",
    );
    expect(create.message).toContain('could not be created');
    expect(create.message).toContain(
      'create it again once the agent is connected',
    );

    const start = outcomeOfError(
      'start',
      'eu-1',
      new ServiceUnavailableError('x'),
    );
    expect(start.message).toContain('Try again once the agent is connected');
  });

  it('passes other agent errors through', () => {
    expect(
      outcomeOfError('stop', 'local', new Error('timed out after 60000 ms')),
    ).toEqual({
      status: 'failed',
      message: expect.stringContaining(
        "The agent of cluster 'local' could not stop the workspace: timed out after 60000 ms",
      ),
    });
  });
});
