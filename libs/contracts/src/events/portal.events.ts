import { IsISO8601, IsNotEmpty, IsString, IsUUID, Matches } from 'class-validator';
import { SHA256_PATTERN } from './common';

/**
 * intake -> services with portal-facing endpoints (payment): a portal's API key was issued.
 * Only the SHA-256 of the key travels (keys are 256-bit random, so the hash reveals nothing);
 * each service keeps its own copy so that no service reads another's schema.
 */
export class PortalKeyIssuedV1 {
  @IsUUID() portalId: string;
  @IsString() @IsNotEmpty() portalName: string;
  @Matches(SHA256_PATTERN) keyHash: string;
  @IsISO8601() issuedAt: string;
}

export class PortalKeyRevokedV1 {
  @IsUUID() portalId: string;
  @IsISO8601() revokedAt: string;
}
