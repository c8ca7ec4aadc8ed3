import { InitIntake1764316800000 } from './1764316800000-init-intake';
import { IntakePortalApi1764320000000 } from './1764320000000-intake-portal-api';
import { LoadCatalogV11764320100000 } from './1764320100000-load-catalog-v1';
import { IdempotencyAnswersOnly1764320200000 } from './1764320200000-idempotency-answers-only';
import { DeliveryTrackingAndPortalAnnouncements1764330000000 } from './1764330000000-delivery-tracking-and-portal-announcements';
import { CitizenResultsAndSlips1764340100000 } from './1764340100000-citizen-results-and-slips';
import { SealIdempotencyAnswers1764350000000 } from './1764350000000-seal-idempotency-answers';

/** In order of application. A landed migration is never edited: add a new one. */
export const INTAKE_MIGRATIONS = [
  InitIntake1764316800000,
  IntakePortalApi1764320000000,
  LoadCatalogV11764320100000,
  IdempotencyAnswersOnly1764320200000,
  DeliveryTrackingAndPortalAnnouncements1764330000000,
  CitizenResultsAndSlips1764340100000,
  SealIdempotencyAnswers1764350000000,
];
