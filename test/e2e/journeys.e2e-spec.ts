import { loadConfig, ServiceConfig } from '@dvc/config';
import { BrokerProbe } from '../support/faults';
import { E2E_RETRY_DELAYS, ServiceKey, ServiceProcess, startPlatform } from '../support/platform-fixture';
import { createPortalKey } from '../support/portal-client';
import { Officers, Portal, type PlatformUrls } from '../support/journeys/actors';
import { JourneyRun } from '../support/journeys/journey';
import { type JourneyDefinition, paperOnlyJourney, refusedJourney, supplementJourney, withdrawnJourney } from '../support/journeys/journeys';

class OfficerAuthConfig extends ServiceConfig {}
const auth = loadConfig(OfficerAuthConfig);

describe('the whole journey, through public interfaces only (four real services, PostgreSQL, RabbitMQ)', () => {
  let services: Record<ServiceKey, ServiceProcess>;
  let namespace: string;
  let urls: PlatformUrls;
  let portal: Portal;
  let officers: Officers;

  beforeAll(async () => {
    ({ services, namespace } = await startPlatform(['intake', 'processing']));
    urls = { intake: services.intake.url, processing: services.processing.url, payment: '', postal: '', gateway: '', partner: '' };
    portal = new Portal(urls, (await createPortalKey(urls.intake)).apiKey);
    officers = new Officers(urls, { secret: auth.OFFICER_JWT_SECRET, issuer: auth.OFFICER_JWT_ISSUER });
  });

  afterAll(async () => {
    for (const s of Object.values(services ?? {})) await s.stop('SIGKILL');
    const broker = await BrokerProbe.open();
    await broker.deleteNamespace(namespace, ['intake', 'processing'], E2E_RETRY_DELAYS);
    await broker.close();
  });

  const play = (j: JourneyDefinition) => j.run(new JourneyRun(`J${j.id}`, urls, portal, officers));

  it('5. supplement requested, supplied, due date extended, then approved', async () => {
    expect(await play(supplementJourney)).toMatchObject({ finalStatus: 'completed', nationalStatusCode: 10 });
  });

  it('6a. refused at acceptance', async () => {
    expect(await play(refusedJourney)).toMatchObject({ finalStatus: 'refused', nationalStatusCode: 3 });
  });

  it('8. the applicant withdraws before the result', async () => {
    expect(await play(withdrawnJourney)).toMatchObject({ finalStatus: 'withdrawn', nationalStatusCode: 7 });
  });

  it('9. a level 2 procedure is refused at intake with the paper-filing guidance', async () => {
    expect(await play(paperOnlyJourney)).toMatchObject({ code: null });
  });
});
