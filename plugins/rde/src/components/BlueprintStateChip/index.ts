export { BlueprintStateChip } from './BlueprintStateChip';
export type { BlueprintStateChipProps } from './BlueprintStateChip';
