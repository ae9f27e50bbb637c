import {
  loadTunnelDefinition,
  type ControlMessage,
  type ControlMessage__Output,
} from '@rde-portal/tunnel';
import { workspaceSpecFromProto } from './workspaceSpecFromProto';

/** A control message as the agent receives it: through the tunnel's real (de)serialisers. */
function overTheWire(message: ControlMessage): ControlMessage__Output {
  const control = loadTunnelDefinition().service.Control;
  return control.responseDeserialize(control.responseSerialize(message));
}

describe('workspaceSpecFromProto', () => {
  it('maps every field of an upgrade command', () => {
    const received = overTheWire({
      command: {
        commandId: 'c1',
        upgradeWorkspace: {
          workspaceId: 'ws-1',
          name: 'alice-node-web-x1y2',
          owner: 'user:default/alice',
          image: 'node:22',
          env: { NODE_ENV: 'development' },
          secretEnv: { GITHUB_TOKEN: 'github-token' },
          repositoryUrl: 'https://git.example.com/team/app.git',
          repositoryRef: 'main',
          startupCommand: 'npm run dev',
          cpu: '500m',
          memory: '2Gi',
          storage: '10Gi',
          ports: [3000, 9229],
        },
      },
    }).command!;
    expect(received.action).toBe('upgradeWorkspace');
    expect(workspaceSpecFromProto(received.upgradeWorkspace!)).toEqual({
      workspaceId: 'ws-1',
      name: 'alice-node-web-x1y2',
      owner: 'user:default/alice',
      image: 'node:22',
      env: { NODE_ENV: 'development' },
      secretEnv: { GITHUB_TOKEN: 'github-token' },
      repository: {
        url: 'https://git.example.com/team/app.git',
        ref: 'main',
      },
      startupCommand: 'npm run dev',
      resources: { cpu: '500m', memory: '2Gi', storage: '10Gi' },
      ports: [3000, 9229],
    });
  });

  it('reads empty proto strings as absent', () => {
    const received = overTheWire({
      command: {
        commandId: 'c2',
        createWorkspace: {
          workspaceId: 'ws-2',
          repositoryUrl: 'https://git.example.com/team/app.git',
        },
      },
    }).command!;
    expect(workspaceSpecFromProto(received.createWorkspace!)).toEqual({
      workspaceId: 'ws-2',
      name: '',
      owner: '',
      image: '',
      env: {},
      secretEnv: {},
      repository: { url: 'https://git.example.com/team/app.git' },
      resources: { cpu: '', memory: '', storage: '' },
      ports: [],
    });
    const bare = overTheWire({
      command: { commandId: 'c3', createWorkspace: { workspaceId: 'ws-3' } },
    }).command!;
    const spec = workspaceSpecFromProto(bare.createWorkspace!);
    expect(spec).not.toHaveProperty('repository');
    expect(spec).not.toHaveProperty('startupCommand');
  });
});
