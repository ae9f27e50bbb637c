import type {
  AuthService,
  HttpAuthService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { Request } from 'express';
import { isAdmin } from '../config/readAdmins';
import { normalizeEntityRef } from '../config/entityRefs';
import type { Actor } from './Actor';

/** How long a user's email read from the catalog is reused, ms. */
const EMAIL_TTL_MS = 30_000;
/** How long "no email" is reused: short, so a user entity the catalog ingests later counts soon. */
const NO_EMAIL_TTL_MS = 3_000;

/**
 * Turns an HTTP request into an {@link Actor}: user credentials from `httpAuth`, ownership refs
 * from `userInfo`, admin flag from `rde.admins`, email from the user's catalog entity
 * (`spec.profile.email`, read with the plugin's own service credentials; an email is reused for
 * 30 s, its absence for 3 s).
 */
export class ActorResolver {
  private readonly emails = new Map<
    string,
    { at: number; ttlMs: number; email: Promise<string | undefined> }
  >();

  constructor(
    private readonly options: {
      httpAuth: HttpAuthService;
      userInfo: UserInfoService;
      auth: AuthService;
      catalog: CatalogService;
      admins: ReadonlySet<string>;
    },
  ) {}

  /**
   * @throws AuthenticationError / NotAllowedError (`@backstage/errors`, via `httpAuth`) when the
   *   request carries no user credentials — service principals are refused.
   */
  async fromRequest(request: Request): Promise<Actor> {
    const credentials = await this.options.httpAuth.credentials(request, {
      allow: ['user'],
    });
    const info = await this.options.userInfo.getUserInfo(credentials);
    const userRef = normalizeEntityRef(credentials.principal.userEntityRef);
    const ownershipRefs = [
      ...new Set(
        [userRef, ...info.ownershipEntityRefs].map(ref =>
          normalizeEntityRef(ref),
        ),
      ),
    ];
    const email = await this.emailOf(userRef);
    return {
      userRef,
      ownershipRefs,
      ...(email ? { email } : {}),
      isAdmin: isAdmin(this.options.admins, {
        userEntityRef: userRef,
        ownershipEntityRefs: ownershipRefs,
      }),
      credentials,
    };
  }

  /**
   * What blueprint access depends on for a user another plugin asks about (the permission policy
   * deciding catalog visibility): their email and whether they are an RDE admin.
   *
   * @param userRef - user entity ref; normalised here.
   * @param ownershipRefs - the user's ownership refs (groups), for admin groups.
   */
  async describeUser(
    userRef: string,
    ownershipRefs: readonly string[],
  ): Promise<Pick<Actor, 'userRef' | 'email' | 'isAdmin'>> {
    const ref = normalizeEntityRef(userRef);
    const email = await this.emailOf(ref);
    return {
      userRef: ref,
      ...(email ? { email } : {}),
      isAdmin: isAdmin(this.options.admins, {
        userEntityRef: ref,
        ownershipEntityRefs: ownershipRefs.map(r => normalizeEntityRef(r)),
      }),
    };
  }

  private emailOf(userRef: string): Promise<string | undefined> {
    const now = Date.now();
    const cached = this.emails.get(userRef);
    if (cached && now - cached.at < cached.ttlMs) {
      return cached.email;
    }
    const entry = {
      at: now,
      ttlMs: EMAIL_TTL_MS,
      email: Promise.resolve<string | undefined>(undefined),
    };
    entry.email = this.lookUpEmail(userRef).then(
      email => {
        if (!email) entry.ttlMs = NO_EMAIL_TTL_MS;
        return email;
      },
      () => {
        entry.ttlMs = 0; // a failed lookup is not reused
        return undefined;
      },
    );
    this.emails.set(userRef, entry);
    return entry.email;
  }

  private async lookUpEmail(userRef: string): Promise<string | undefined> {
    const entity = await this.options.catalog.getEntityByRef(userRef, {
      credentials: await this.options.auth.getOwnServiceCredentials(),
    });
    const email = (entity?.spec as { profile?: { email?: unknown } })?.profile
      ?.email;
    return typeof email === 'string' && email.length > 0 ? email : undefined;
  }
}
