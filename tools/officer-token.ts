import { loadConfig, ServiceConfig } from '@dvc/config';
import { OFFICER_ROLES, type OfficerRole, signOfficerToken } from '@dvc/auth';

class TokenConfig extends ServiceConfig {}

/**
 * node dist/tools/officer-token.js <officer-id> <role>[,<role>...]
 * Prints a token signed with OFFICER_JWT_SECRET/ISSUER, for a local platform and the demo only.
 */
if (require.main === module) {
  const [id, roles] = process.argv.slice(2);
  const wanted = (roles ?? '').split(',').filter(Boolean) as OfficerRole[];
  if (!id || wanted.length === 0 || wanted.some((r) => !OFFICER_ROLES.includes(r))) {
    process.stderr.write(`usage: node dist/tools/officer-token.js <officer-id> <${OFFICER_ROLES.join('|')}>[,...]\n`);
    process.exit(2);
  }
  const config = loadConfig(TokenConfig);
  signOfficerToken({ id, roles: wanted }, config.OFFICER_JWT_SECRET, config.OFFICER_JWT_ISSUER, 8 * 3600).then(
    (token) => process.stdout.write(`${token}\n`),
    (err: unknown) => {
      process.stderr.write(`officer-token: ${String(err)}\n`);
      process.exit(1);
    },
  );
}
