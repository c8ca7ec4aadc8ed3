import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import request from 'supertest';
import { loadConfig, ServiceConfig } from '@dvc/config';
import { BrokerProbe } from '../../tools/harness/broker-probe';
import { E2E_RETRY_DELAYS, serviceEnv, ServiceProcess } from '../../tools/harness/service-process';
import { officerToken } from '../../tools/harness/portal-client';
import { uniqueNamespace } from '../../tools/harness/test-env.config';

class Defaults extends ServiceConfig {}
const ISSUER = loadConfig(Defaults).OFFICER_JWT_ISSUER;

describe("officers' tokens verified against the identity provider's JWKS", () => {
  let jwks: Server;
  let processing: ServiceProcess;
  const namespace = uniqueNamespace('e2e');
  let sign: (claims: Record<string, unknown>, opts?: { issuer?: string; key?: 'ours' | 'stranger' }) => Promise<string>;

  beforeAll(async () => {
    const ours = await generateKeyPair('RS256');
    const stranger = await generateKeyPair('RS256');
    const publicJwk = { ...(await exportJWK(ours.publicKey)), kid: 'idp-key-1', alg: 'RS256', use: 'sig' };
    jwks = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [publicJwk] })),
    );
    await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', () => r()));
    sign = (claims, opts = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'idp-key-1' })
        .setIssuer(opts.issuer ?? ISSUER)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(opts.key === 'stranger' ? stranger.privateKey : ours.privateKey);
    const { port, env } = await serviceEnv('processing', namespace, {
      OFFICER_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`,
    });
    processing = new ServiceProcess('processing', port, env);
    processing.start();
    await processing.ready();
  });

  afterAll(async () => {
    await processing?.stop('SIGKILL');
    jwks?.close();
    const broker = await BrokerProbe.open();
    await broker.deleteNamespace(namespace, ['processing'], E2E_RETRY_DELAYS);
    await broker.close();
  });

  it('accepts a token signed by the identity provider and refuses every other', async () => {
    const queue = (token: string) =>
      request(processing.url).get('/v1/cases/queue').set('Authorization', `Bearer ${token}`);
    await queue(await sign({ sub: 'mot-cua-9', roles: ['reception'] })).expect(200);
    expect(
      (await queue(await sign({ sub: 'x', roles: ['reception'] }, { key: 'stranger' })).expect(401)).body.code,
    ).toBe('AUTH.UNAUTHENTICATED');
    expect(
      (await queue(await sign({ sub: 'x', roles: ['reception'] }, { issuer: 'someone-else' })).expect(401)).body.code,
    ).toBe('AUTH.UNAUTHENTICATED');
    // With a JWKS configured, the shared-secret tokens no longer pass.
    expect((await queue(await officerToken(['reception'])).expect(401)).body.code).toBe('AUTH.UNAUTHENTICATED');
    const noRole = await request(processing.url)
      .get('/v1/stats')
      .query({ from: '2026-01-01', to: '2026-01-31' })
      .set('Authorization', `Bearer ${await sign({ sub: 'y', roles: ['cashier'] })}`)
      .expect(403);
    expect(noRole.body.code).toBe('AUTH.FORBIDDEN');
  });
});
