import { Global, Module } from '@nestjs/common';
import { PortalApiKeyGuard } from './portal-api-key.guard';
import { PortalAdminController } from './portal.controller';
import { PortalService } from './portal.service';

@Global()
@Module({
  controllers: [PortalAdminController],
  providers: [PortalService, PortalApiKeyGuard],
  exports: [PortalService, PortalApiKeyGuard],
})
export class PortalModule {}
