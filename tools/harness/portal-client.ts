import { loadConfig, ServiceConfig } from '@dvc/config';
import { type OfficerRole, signOfficerToken } from '@dvc/auth';
import { expectStatus, http } from '../journeys/http';

class OfficerTokenConfig extends ServiceConfig {}
const officerConfig = loadConfig(OfficerTokenConfig);

/** A token the services accept (same secret and issuer as their config). Async: jose signs with WebCrypto. */
export function officerToken(roles: OfficerRole[], id = 'test-officer'): Promise<string> {
  return signOfficerToken({ id, roles }, officerConfig.OFFICER_JWT_SECRET, officerConfig.OFFICER_JWT_ISSUER);
}

/** Issues a portal API key through intake's admin API, as an administrator would. */
export async function createPortalKey(
  intakeUrl: string,
  name = `Cổng thử nghiệm ${Math.random().toString(36).slice(2, 8)}`,
  adminId = 'test-admin',
): Promise<{ id: string; apiKey: string }> {
  const res = await http('POST', `${intakeUrl}/v1/admin/portals`, {
    headers: { Authorization: `Bearer ${await officerToken(['admin'], adminId)}` },
    body: { name },
  });
  expectStatus(res, 201, 'issue a portal key');
  return { id: res.body.id, apiKey: res.body.apiKey };
}
