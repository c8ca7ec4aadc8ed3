import { InitProcessing1764316800000 } from './1764316800000-init-processing';

/** In order of application. A landed migration is never edited: add a new one. */
export const PROCESSING_MIGRATIONS = [InitProcessing1764316800000];
