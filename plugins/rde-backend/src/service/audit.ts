import type { AuditorService } from '@backstage/backend-plugin-api';
import type { Request } from 'express';
import type { JsonObject } from '@backstage/types';
import { isError } from '@backstage/errors';
import type { WorkspaceOperation } from './WorkspaceService';

/** What identifies an audit event (see `AuditorService.createEvent`). */
export interface AuditOptions {
  /** kebab-case event id, e.g. `workspace-create`. */
  eventId: string;
  request: Request;
  meta?: JsonObject;
  severityLevel?: 'low' | 'medium' | 'high' | 'critical';
}

/**
 * Runs `run` inside an auditor event: `.success()` with `successMeta(result)` when it resolves,
 * `.fail({ error })` (and rethrow) when it throws.
 */
export async function audited<T>(
  auditor: AuditorService,
  options: AuditOptions,
  run: () => Promise<T>,
  successMeta?: (result: T) => JsonObject,
): Promise<T> {
  const event = await auditor.createEvent(options);
  try {
    const result = await run();
    await event.success(
      successMeta ? { meta: successMeta(result) } : undefined,
    );
    return result;
  } catch (error) {
    await event.fail({ error: toError(error) });
    throw error;
  }
}

/**
 * Audits a workspace lifecycle operation: the event fails at once when the request is refused,
 * and otherwise settles when the agent's command finished — `.success()` when the workspace
 * reached the operation's target status, `.fail()` with the status message when not.
 *
 * @returns the accepted operation as soon as it is accepted (the audit settles in the background).
 */
export async function auditedOperation(
  auditor: AuditorService,
  options: AuditOptions,
  run: () => Promise<WorkspaceOperation>,
): Promise<WorkspaceOperation> {
  const event = await auditor.createEvent(options);
  let operation: WorkspaceOperation;
  try {
    operation = await run();
  } catch (error) {
    await event.fail({ error: toError(error) });
    throw error;
  }
  const meta = {
    workspaceId: operation.workspace.id,
    workspaceName: operation.workspace.name,
    owner: operation.workspace.owner,
    cluster: operation.workspace.cluster,
  };
  void operation.completion
    .then(async final => {
      if (final.status === operation.target) {
        await event.success({ meta: { ...meta, status: final.status } });
      } else {
        await event.fail({
          meta: { ...meta, status: final.status },
          error: new Error(
            final.statusMessage ??
              `ended ${final.status}, not ${operation.target}`,
          ),
        });
      }
    })
    .catch(() => {
      // The auditor logs through the logger; nothing else to do if it failed.
    });
  return operation;
}

function toError(error: unknown): Error {
  return isError(error) ? (error as Error) : new Error(String(error));
}
