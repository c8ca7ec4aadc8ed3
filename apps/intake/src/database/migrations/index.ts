import { InitIntake1764316800000 } from './1764316800000-init-intake';

/** In order of application. A landed migration is never edited: add a new one. */
export const INTAKE_MIGRATIONS = [InitIntake1764316800000];
