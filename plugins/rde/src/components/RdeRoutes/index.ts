export { RdeRoutes } from './RdeRoutes';
export { LegacyRdePage } from './LegacyRdePage';
