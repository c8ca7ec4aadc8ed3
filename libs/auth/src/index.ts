export { OFFICER_ROLES, type Officer, type OfficerRole } from './officer/officer';
export { OfficerAuthGuard, AuthErrors } from './officer/officer-auth.guard';
export { RequireRoles } from './officer/roles.decorator';
export { CurrentOfficer } from './officer/current-officer.decorator';
export { signOfficerToken } from './officer/sign-officer-token';
export {
  PortalAuthenticator,
  PortalAuthErrors,
  PORTAL_KEY_STORE,
  hashPortalKey,
  type AuthenticatedPortal,
  type PortalKeyStore,
} from './portal/portal-authenticator';
export { PortalApiKeyGuard, CurrentPortal } from './portal/portal-api-key.guard';
export { PortalAuthModule } from './portal/portal-auth.module';
