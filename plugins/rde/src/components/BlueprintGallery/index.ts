export { BlueprintGallery } from './BlueprintGallery';
export type { BlueprintGalleryProps } from './BlueprintGallery';
export { BlueprintCard } from './BlueprintCard';
export type { BlueprintCardProps } from './BlueprintCard';
