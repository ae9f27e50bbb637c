import type {
  AuditorService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
import type { AuditOutcome } from '@rde-portal/plugin-rde-common';
import type { Request } from 'express';
import type { AuditStore, NewAuditRecord } from '../database/AuditStore';
import type { Actor } from './Actor';
import type { WorkspaceOperation } from './WorkspaceService';

/** What identifies an audited action. */
export interface AuditedAction {
  /** kebab-case event id, e.g. `workspace-create`; also the audit row's `action`. */
  eventId: string;
  request: Request;
  actor: Actor;
  meta?: JsonObject;
  severityLevel?: 'low' | 'medium' | 'high' | 'critical';
  /** What the rows know before the action ran (workspace, blueprint). */
  subject?: Pick<NewAuditRecord, 'workspaceId' | 'workspaceName' | 'blueprint'>;
}

/**
 * Records what people do (issue 3: "Every lifecycle operation emits an auditor event (initiated /
 * succeeded / failed) and is also kept in an audit table the admin UI can query"): each action is
 * one `auditor` event and rows in the {@link AuditStore}. A failure to write a row is logged and
 * never fails the request.
 */
export class AuditTrail {
  constructor(
    private readonly options: {
      auditor: AuditorService;
      store: AuditStore;
      logger: LoggerService;
    },
  ) {}

  /**
   * Audits a workspace lifecycle operation: when refused, the event fails and one `failed` row is
   * written; when accepted, an `initiated` row is written at once and the event and a second row
   * settle when the agent's command finished — `succeeded` when the workspace reached the
   * operation's target status, `failed` with the status message otherwise.
   *
   * @returns the accepted operation as soon as it is accepted.
   * @throws whatever `run` throws.
   */
  async operation(
    action: AuditedAction,
    run: () => Promise<WorkspaceOperation>,
  ): Promise<WorkspaceOperation> {
    const event = await this.createEvent(action);
    let operation: WorkspaceOperation;
    try {
      operation = await run();
    } catch (error) {
      await event.fail({ error: toError(error) });
      await this.row(action, 'failed', action.subject, toError(error).message);
      throw error;
    }
    const { workspace } = operation;
    const subject = {
      workspaceId: workspace.id,
      workspaceName: workspace.name,
      blueprint: workspace.blueprint,
    };
    const meta = {
      ...subject,
      owner: workspace.owner,
      cluster: workspace.cluster,
    };
    await this.row(action, 'initiated', subject);
    void operation.completion
      .then(async final => {
        if (final.status === operation.target) {
          await event.success({ meta: { ...meta, status: final.status } });
          await this.row(action, 'succeeded', subject);
        } else {
          const message =
            final.statusMessage ??
            `ended ${final.status}, not ${operation.target}`;
          await event.fail({
            meta: { ...meta, status: final.status },
            error: new Error(message),
          });
          await this.row(action, 'failed', subject, message);
        }
      })
      .catch(() => {
        // The auditor logs through the logger; nothing else to do if it failed.
      });
    return operation;
  }

  /**
   * Audits a one-step action (admin changes, agent tokens): `.success()` and a `succeeded` row with
   * `successMeta(result)` when `run` resolves, `.fail()` and a `failed` row when it throws.
   *
   * @throws whatever `run` throws.
   */
  async action<T>(
    action: AuditedAction,
    run: () => Promise<T>,
    successMeta?: (result: T) => JsonObject,
  ): Promise<T> {
    const event = await this.createEvent(action);
    try {
      const result = await run();
      await event.success(
        successMeta ? { meta: successMeta(result) } : undefined,
      );
      await this.row(action, 'succeeded', action.subject);
      return result;
    } catch (error) {
      await event.fail({ error: toError(error) });
      await this.row(action, 'failed', action.subject, toError(error).message);
      throw error;
    }
  }

  private createEvent(action: AuditedAction) {
    return this.options.auditor.createEvent({
      eventId: action.eventId,
      request: action.request,
      ...(action.meta ? { meta: action.meta } : {}),
      ...(action.severityLevel ? { severityLevel: action.severityLevel } : {}),
    });
  }

  private async row(
    action: AuditedAction,
    outcome: AuditOutcome,
    subject: AuditedAction['subject'],
    message?: string,
  ): Promise<void> {
    try {
      await this.options.store.append({
        actorRef: action.actor.userRef,
        ...(action.actor.email ? { actorEmail: action.actor.email } : {}),
        action: action.eventId,
        ...subject,
        outcome,
        ...(message ? { message } : {}),
      });
    } catch (error) {
      this.options.logger.error(
        `Could not write the audit row of ${action.eventId} (${outcome})`,
        isError(error) ? error : { error: String(error) },
      );
    }
  }
}

function toError(error: unknown): Error {
  return isError(error) ? (error as Error) : new Error(String(error));
}
