export { QuotaStatus, isQuotaReached, quotaReachedReason } from './QuotaStatus';
