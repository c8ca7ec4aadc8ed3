/** Roles of the Department's staff: who may do what is checked per endpoint. */
export const OFFICER_ROLES = ['reception', 'specialist', 'leader', 'cashier', 'admin'] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];

/** The authenticated officer, from the token's `sub`, `name` and `roles` claims. */
export interface Officer {
  id: string;
  name?: string;
  roles: OfficerRole[];
}

/** Metadata key of the roles an endpoint requires (RequireRoles). */
export const ROLES_KEY = 'dvc:roles';
