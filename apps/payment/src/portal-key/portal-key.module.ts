import { Module } from '@nestjs/common';
import { PortalAuthModule } from '@dvc/auth';
import { PortalKeyConsumer } from './portal-key.consumer';
import { PaymentPortalKeyStore } from './portal-key.store';

@Module({
  // Global: PortalApiKeyGuard serves the portal endpoints of every feature.
  imports: [PortalAuthModule.forStore(PaymentPortalKeyStore)],
  controllers: [PortalKeyConsumer],
})
export class PortalKeyModule {}
