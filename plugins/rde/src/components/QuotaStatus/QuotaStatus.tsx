import Typography from '@material-ui/core/Typography';
import type { WorkspaceQuota } from '@rde-portal/plugin-rde-common';

/**
 * Whether the user may not launch or start another workspace now: as many hold compute as the
 * limit allows (issue 3).
 *
 * @public
 */
export function isQuotaReached(quota: WorkspaceQuota | undefined): boolean {
  return quota !== undefined && quota.running >= quota.limit;
}

/**
 * The sentence that explains a reached limit; `undefined` while it is not reached.
 *
 * @public
 */
export function quotaReachedReason(
  quota: WorkspaceQuota | undefined,
): string | undefined {
  if (!quota || !isQuotaReached(quota)) {
    return undefined;
  }
  return `You have reached your limit of ${quota.limit} running workspace${
    quota.limit === 1 ? '' : 's'
  }. Stop or delete one to launch another.`;
}

/**
 * The user's standing against the running-workspace limit: "2 of 3 running" (workspaces being
 * created, starting or stopping count too, as the backend counts them).
 *
 * @public
 */
export function QuotaStatus(props: { quota?: WorkspaceQuota }) {
  const { quota } = props;
  if (!quota) {
    return null;
  }
  return (
    <Typography
      variant="body2"
      color={isQuotaReached(quota) ? 'error' : 'textSecondary'}
      data-testid="rde-quota"
      title="Workspaces that are running, or starting, stopping or being created, count against your limit"
    >
      {quota.running} of {quota.limit} running
    </Typography>
  );
}
