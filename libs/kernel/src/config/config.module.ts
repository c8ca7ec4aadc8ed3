import { DynamicModule, Module } from '@nestjs/common';
import type { ServiceConfig } from '@dvc/config';

/** Injection token for the service's validated config (its concrete class is also a token). */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

@Module({})
export class ServiceConfigModule {
  static forRoot<T extends ServiceConfig>(config: T): DynamicModule {
    return {
      module: ServiceConfigModule,
      global: true,
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: config.constructor, useValue: config },
      ],
      exports: [SERVICE_CONFIG, config.constructor],
    };
  }
}
