import { Module } from '@nestjs/common';
import { PortalAuthModule } from '@dvc/auth';
import { PortalAdminController } from './portal.controller';
import { PortalRepository } from './portal.repository';
import { PortalService } from './portal.service';

/** The portals' table, for the key store that PortalAuthModule builds. */
@Module({ providers: [PortalRepository], exports: [PortalRepository] })
class PortalRepositoryModule {}

@Module({
  // Global: PortalApiKeyGuard and PortalAuthenticator serve every feature of intake.
  imports: [PortalAuthModule.forStore(PortalService, [PortalRepositoryModule])],
  controllers: [PortalAdminController],
})
export class PortalModule {}
