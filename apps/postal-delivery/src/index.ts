// postal-delivery's public entry: what tests, benchmarks and tools may use. Nothing inside the app imports it.
export { loadPostalDeliveryConfig, POSTAL_SCHEMA, postalDeliveryModule } from './app.module';
export { PostalDeliveryConfig } from './config/postal-delivery.config';
export { POSTAL_MIGRATIONS } from './database/migrations';
export { declarePartnerTopology } from './partner/partner-topology';
export { ShipmentRepository } from './shipment/shipment.repository';
export type { NewShipment } from './shipment/shipment.repository';
