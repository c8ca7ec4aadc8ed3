import { Module } from '@nestjs/common';
import { PUBLISHED_YEAR_OVERRIDES } from './vietnam-holidays';
import { WorkingCalendar } from './working-calendar';

/**
 * The working-day calendar every deadline and statistic uses. The yearly official swaps are data
 * in the code for now; the processing issue makes them editable by an administrator.
 */
@Module({
  providers: [{ provide: WorkingCalendar, useValue: new WorkingCalendar(PUBLISHED_YEAR_OVERRIDES) }],
  exports: [WorkingCalendar],
})
export class CalendarModule {}
