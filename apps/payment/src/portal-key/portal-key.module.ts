import { Module } from '@nestjs/common';
import { PortalAuthModule } from '@dvc/auth';
import { PortalKeyConsumer } from './portal-key.consumer';
import { PaymentPortalKeyRepository } from './portal-key.repository';

@Module({
  // Global: PortalApiKeyGuard serves the portal endpoints of every feature.
  imports: [PortalAuthModule.forStore(PaymentPortalKeyRepository)],
  controllers: [PortalKeyConsumer],
})
export class PortalKeyModule {}
