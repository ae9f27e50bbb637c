import type {
  HttpAuthService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { Request } from 'express';
import { isAdmin } from '../config/readAdmins';
import { normalizeEntityRef } from '../config/entityRefs';
import type { Actor } from './Actor';

/**
 * Turns an HTTP request into an {@link Actor}: user credentials from `httpAuth`, ownership refs
 * from `userInfo`, admin flag from `rde.admins`.
 */
export class ActorResolver {
  constructor(
    private readonly options: {
      httpAuth: HttpAuthService;
      userInfo: UserInfoService;
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
    return {
      userRef,
      ownershipRefs,
      isAdmin: isAdmin(this.options.admins, {
        userEntityRef: userRef,
        ownershipEntityRefs: ownershipRefs,
      }),
      credentials,
    };
  }
}
