// Decorator metadata (class-transformer's @Type) must be available wherever contracts load.
import 'reflect-metadata';
export * from './topology';
export * from './registry';
export * from './envelope';
export * from './validate-event';
export * from './subscriptions';
export * from './events/common';
export * from './events/dossier.events';
export * from './events/fee.events';
export * from './events/result.events';
export * from './events/payment.events';
export * from './events/delivery.events';
