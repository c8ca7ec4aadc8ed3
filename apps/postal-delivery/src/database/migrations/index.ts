import { InitPostal1764316800000 } from './1764316800000-init-postal';
import { ShipmentLifecycle1764400000000 } from './1764400000000-shipment-lifecycle';

/** In order of application. A landed migration is never edited: add a new one. */
export const POSTAL_MIGRATIONS = [InitPostal1764316800000, ShipmentLifecycle1764400000000];
