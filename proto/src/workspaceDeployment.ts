/**
 * What `create` and `upgrade` deploy: a blueprint resolved for one workspace (DESIGN §5, §6).
 *
 * - `env`: plain variables, name → value.
 * - `secretEnv`: variable name → secret *name*; the agent resolves the name in its own cluster's
 *   secret store, so secret values never cross the tunnel.
 * - `repository`: git repository cloned into the workspace when it is created (`ref`: branch or
 *   tag; default branch when absent). An upgrade clones only when the workspace has no checkout.
 * - `startupCommand`: shell command the agent runs in the background whenever the workspace starts.
 * - `resources`: Kubernetes quantities (`cpu` "2" / "500m", `memory` and `storage` "2Gi").
 * - `ports`: TCP ports the workspace serves for preview.
 *
 * Shared by the control plane (what it sends) and the agent (what its drivers deploy).
 *
 * @public
 */
export interface WorkspaceDeployment {
  workspaceId: string;
  name: string;
  owner: string;
  image: string;
  env: Record<string, string>;
  secretEnv: Record<string, string>;
  repository?: { url: string; ref?: string };
  startupCommand?: string;
  resources: { cpu: string; memory: string; storage: string };
  ports: number[];
}
