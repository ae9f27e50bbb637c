export { AdminPage } from './AdminPage';
export { AdminWorkspacesTab } from './AdminWorkspacesTab';
export { AdminBlueprintsTab } from './AdminBlueprintsTab';
export { AdminAuditTab } from './AdminAuditTab';
export { AdminSettingsTab } from './AdminSettingsTab';
export { BlueprintOverrideEditor } from './BlueprintOverrideEditor';
export type { BlueprintOverrideEditorProps } from './BlueprintOverrideEditor';
