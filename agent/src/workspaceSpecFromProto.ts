import type { WorkspaceSpec__Output } from '@rde-portal/tunnel';
import type { WorkspaceSpec } from './drivers/WorkspaceDriver';

/**
 * The driver's {@link WorkspaceSpec} for a proto `WorkspaceSpec` of a create or upgrade command.
 * proto3 has no unset strings: an empty `repository_url` means no repository, an empty
 * `repository_ref` the default branch, an empty `startup_command` none.
 */
export function workspaceSpecFromProto(
  spec: WorkspaceSpec__Output,
): WorkspaceSpec {
  return {
    workspaceId: spec.workspaceId,
    name: spec.name,
    owner: spec.owner,
    image: spec.image,
    env: spec.env ?? {},
    secretEnv: spec.secretEnv ?? {},
    ...(spec.repositoryUrl
      ? {
          repository: {
            url: spec.repositoryUrl,
            ...(spec.repositoryRef ? { ref: spec.repositoryRef } : {}),
          },
        }
      : {}),
    ...(spec.startupCommand ? { startupCommand: spec.startupCommand } : {}),
    resources: {
      cpu: spec.cpu ?? '',
      memory: spec.memory ?? '',
      storage: spec.storage ?? '',
    },
    ports: spec.ports ?? [],
  };
}
