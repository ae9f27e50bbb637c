export { EntityWorkspaceContent } from './EntityWorkspaceContent';
export { EntityLaunchWorkspaceCard } from './EntityLaunchWorkspaceCard';
export { EntityOpenInWorkspaceCard } from './EntityOpenInWorkspaceCard';
