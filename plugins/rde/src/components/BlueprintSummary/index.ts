export { BlueprintSummary } from './BlueprintSummary';
export type { BlueprintSummaryProps } from './BlueprintSummary';
