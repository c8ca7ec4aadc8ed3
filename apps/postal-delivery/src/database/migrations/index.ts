import { InitPostal1764316800000 } from './1764316800000-init-postal';

/** In order of application. A landed migration is never edited: add a new one. */
export const POSTAL_MIGRATIONS = [InitPostal1764316800000];
