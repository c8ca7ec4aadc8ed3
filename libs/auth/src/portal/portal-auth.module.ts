import { DynamicModule, Global, Module, Type } from '@nestjs/common';
import { PortalApiKeyGuard } from './portal-api-key.guard';
import { PORTAL_KEY_STORE, PortalAuthenticator, PortalKeyStore } from './portal-authenticator';

/**
 * Portal authentication for a service with portal-facing endpoints. The service supplies where
 * the keys live (`store`, a provider of the same module scope as the service's database).
 */
@Global()
@Module({})
export class PortalAuthModule {
  static forStore(store: Type<PortalKeyStore>, imports: DynamicModule['imports'] = []): DynamicModule {
    return {
      module: PortalAuthModule,
      imports,
      providers: [store, { provide: PORTAL_KEY_STORE, useExisting: store }, PortalAuthenticator, PortalApiKeyGuard],
      exports: [PORTAL_KEY_STORE, store, PortalAuthenticator, PortalApiKeyGuard],
    };
  }
}
