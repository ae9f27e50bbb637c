/**
 * The RDE control plane: workspaces, agent tokens, one-time tickets, the agent tunnel server and
 * the terminal relay (DESIGN §3).
 *
 * @packageDocumentation
 */
export { rdePlugin as default } from './plugin';
export type {
  AgentTokenStore,
  AgentTokenSeed,
  VerifiedAgentToken,
} from './database/AgentTokenStore';
export type { ClusterStore, ClusterRecord } from './database/ClusterStore';
export type {
  WorkspaceStore,
  NewWorkspace,
  WorkspaceListFilter,
} from './database/WorkspaceStore';
export type {
  TicketStore,
  TicketKind,
  TicketBinding,
  StoredTicket,
} from './database/TicketStore';
export type {
  BlueprintProvider,
  ResolvedBlueprint,
} from './service/BlueprintProvider';
export {
  rdeWorkspaceConditions,
  createRdeWorkspaceConditionalDecision,
} from './permissions/conditions';
export { rdeWorkspacePermissionResourceRef } from './permissions/resourceRef';
export type { RdeWorkspaceQuery } from './permissions/resourceRef';
