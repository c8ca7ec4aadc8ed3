import { IsString, MinLength } from 'class-validator';

/** For a local platform only; every deployment sets its own (infra/k8s/secret.example.yaml). */
export const LOCAL_ANSWER_KEY = 'local-only-idempotency-answer-key-0001';

/**
 * The one setting the sealing migration needs, read as the service reads it: the migration runs in
 * the service's process (or its migrate-only Job) with the same environment, and must not depend on
 * the rest of intake's settings being valid.
 */
export class AnswerKeyConfig {
  /** Seals stored idempotent answers (AES-256-GCM, key derived with HKDF-SHA256). */
  @IsString()
  @MinLength(32, { message: 'IDEMPOTENCY_ANSWER_KEY must be at least 32 characters' })
  IDEMPOTENCY_ANSWER_KEY = LOCAL_ANSWER_KEY;
}
