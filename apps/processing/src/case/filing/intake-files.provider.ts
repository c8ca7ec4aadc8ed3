import type { Provider } from '@nestjs/common';
import { FileExchangeClient } from '@dvc/storage';
import { ProcessingConfig } from '../../config/processing.config';
import { INTAKE_FILES } from './filing.service';

/** The filed documents live with intake: processing streams them from its internal endpoint (ADR 0010). */
export const intakeFilesProvider: Provider = {
  provide: INTAKE_FILES,
  inject: [ProcessingConfig],
  useFactory: (config: ProcessingConfig) =>
    new FileExchangeClient({ baseUrl: config.INTAKE_URL, secret: config.INTERNAL_FILES_SECRET }),
};
