import { Module } from '@nestjs/common';
import { PortalAuthModule } from '@dvc/auth';
import { PortalAdminController } from './portal.controller';
import { PortalService } from './portal.service';

@Module({
  // Global: PortalApiKeyGuard and PortalAuthenticator serve every feature of intake.
  imports: [PortalAuthModule.forStore(PortalService)],
  controllers: [PortalAdminController],
})
export class PortalModule {}
