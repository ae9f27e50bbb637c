import type {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  isPermission,
  PermissionCondition,
  PermissionCriteria,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';

/** How long the hidden blueprints of one user are reused, ms. */
const CACHE_TTL_MS = 10_000;

/**
 * The demo's permission policy: everything is allowed, except that a user cannot read the catalog
 * entity of an RDE blueprint their blueprint ACL hides (issue 3: "a user who does not match does
 * not see the blueprint … by any route"), so it is not in the catalog, on the Create page or
 * behind the scaffolder's template routes. Which blueprints those are — ACL, state and admin
 * overrides included — the rde plugin answers (`GET /api/rde/catalog/hidden-blueprints`); the
 * answer becomes a conditional decision with the catalog's built-in rules, so the catalog filters
 * in its own queries.
 *
 * If the rde plugin cannot answer, reads of blueprint templates are denied (fail closed) and every
 * other read stays allowed.
 */
export class RdeDemoPermissionPolicy implements PermissionPolicy {
  private readonly cache = new Map<
    string,
    { at: number; refs: Promise<string[]> }
  >();

  constructor(
    private readonly options: {
      auth: AuthService;
      discovery: DiscoveryService;
      logger: LoggerService;
      fetch?: typeof fetch;
    },
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (
      !user ||
      !isPermission(request.permission, catalogEntityReadPermission)
    ) {
      return { result: AuthorizeResult.ALLOW };
    }
    let hidden: string[];
    try {
      hidden = await this.hiddenFor(user);
    } catch (error) {
      this.options.logger.warn(
        `Could not ask the rde plugin which blueprints ${user.info.userEntityRef} may see; hiding all blueprint templates: ${error}`,
      );
      return createCatalogConditionalDecision(catalogEntityReadPermission, {
        not: {
          allOf: [
            catalogConditions.isEntityKind({ kinds: ['template'] }),
            catalogConditions.hasSpec({ key: 'type', value: 'rde-blueprint' }),
          ],
        },
      });
    }
    if (hidden.length === 0) {
      return { result: AuthorizeResult.ALLOW };
    }
    const [first, ...rest] = hidden.map(
      (ref): PermissionCriteria<PermissionCondition<'catalog-entity'>> => {
        const { namespace, name } = parseEntityRef(ref);
        return {
          allOf: [
            catalogConditions.isEntityKind({ kinds: ['template'] }),
            catalogConditions.hasMetadata({
              key: 'namespace',
              value: namespace,
            }),
            catalogConditions.hasMetadata({ key: 'name', value: name }),
          ],
        };
      },
    );
    return createCatalogConditionalDecision(catalogEntityReadPermission, {
      not: { anyOf: [first, ...rest] },
    });
  }

  private hiddenFor(user: PolicyQueryUser): Promise<string[]> {
    const key = [
      user.info.userEntityRef,
      ...user.info.ownershipEntityRefs,
    ].join(',');
    const now = Date.now();
    const cached = this.cache.get(key);
    if (cached && now - cached.at < CACHE_TTL_MS) {
      return cached.refs;
    }
    const refs = this.fetchHidden(user);
    this.cache.set(key, { at: now, refs });
    refs.catch(() => this.cache.delete(key));
    return refs;
  }

  private async fetchHidden(user: PolicyQueryUser): Promise<string[]> {
    const { auth, discovery } = this.options;
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'rde',
    });
    const query = new URLSearchParams({
      user: user.info.userEntityRef,
      ownership: user.info.ownershipEntityRefs.join(','),
    });
    const response = await (this.options.fetch ?? fetch)(
      `${await discovery.getBaseUrl('rde')}/catalog/hidden-blueprints?${query}`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    if (!response.ok) {
      throw new Error(`rde answered ${response.status}`);
    }
    const body = (await response.json()) as { items: string[] };
    return body.items;
  }
}
