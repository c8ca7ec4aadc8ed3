import { Module } from '@nestjs/common';
import { PUBLISHED_YEAR_OVERRIDES } from '../calendar/vietnam-holidays';
import { WorkingCalendar } from '../calendar/working-calendar';
import { CaseConsumer } from './case.consumer';
import { CaseController } from './case.controller';
import { CaseService } from './case.service';

@Module({
  controllers: [CaseController, CaseConsumer],
  // The yearly official swaps are data in the code for now; the processing issue makes them
  // editable by an administrator for years not yet published.
  providers: [CaseService, { provide: WorkingCalendar, useValue: new WorkingCalendar(PUBLISHED_YEAR_OVERRIDES) }],
})
export class CaseModule {}
