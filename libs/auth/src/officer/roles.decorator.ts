import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { OfficerAuthGuard } from './officer-auth.guard';
import type { OfficerRole } from './officer';

import { ROLES_KEY } from './officer';

/** The endpoint needs an officer's token carrying at least one of these roles. */
export const RequireRoles = (...roles: OfficerRole[]) =>
  applyDecorators(SetMetadata(ROLES_KEY, roles), UseGuards(OfficerAuthGuard));
