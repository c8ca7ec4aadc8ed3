import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { CalendarErrors } from './calendar.errors';
import { CalendarRepository } from './calendar.repository';
import { YearOverridesDto } from './dto/year-overrides.dto';
import { PUBLISHED_YEAR_OVERRIDES, YearOverrides, yearDaysOff } from './vietnam-holidays';
import { WorkingCalendar } from './working-calendar';

/** Other replicas pick up an administrator's change within this time. */
const RELOAD_MS = 60_000;

/**
 * The working calendar in force: the rules, the notices published in the code, and the years an
 * administrator has entered since (for years whose notice the code does not carry yet).
 */
@Injectable()
export class CalendarService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(CalendarService.name);
  private overrides: Record<number, YearOverrides> = { ...PUBLISHED_YEAR_OVERRIDES };
  private current = new WorkingCalendar(this.overrides);
  private timer?: NodeJS.Timeout;

  constructor(private readonly years: CalendarRepository) {}

  get calendar(): WorkingCalendar {
    return this.current;
  }

  async onModuleInit(): Promise<void> {
    await this.reload().catch((err: Error) =>
      this.logger.warn({ msg: 'calendar years not loaded yet; published notices only', error: err.message }),
    );
    this.timer = setInterval(() => void this.reload().catch(() => undefined), RELOAD_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async reload(): Promise<void> {
    const entered = await this.years.enteredYears();
    this.overrides = { ...entered, ...PUBLISHED_YEAR_OVERRIDES };
    this.current = new WorkingCalendar(this.overrides);
  }

  /** The year's days off and make-up working days as the calendar applies them. */
  year(year: number) {
    this.checkYear(year);
    const source =
      year in PUBLISHED_YEAR_OVERRIDES ? 'published_notice' : year in this.overrides ? 'entered_notice' : 'rules_only';
    const days = yearDaysOff(year, this.overrides[year] ?? {});
    return {
      year,
      source,
      daysOff: days.daysOff.map((d) => ({ date: d.iso, nameVi: d.nameVi, nameEn: d.nameEn, kind: d.kind })),
      extraWorkingDays: days.extraWorkingDays,
    };
  }

  /** Enters (or replaces) a year's notice; the years the code already carries are not editable. */
  async setYear(year: number, dto: YearOverridesDto, adminId: string) {
    this.checkYear(year);
    if (year in PUBLISHED_YEAR_OVERRIDES) {
      throw CalendarErrors.yearPublished(year);
    }
    const outside = [
      ...(dto.extraDaysOff ?? []).flatMap((d) => [d.from, d.to ?? d.from]),
      ...(dto.extraWorkingDays ?? []).map((d) => d.date),
    ].filter((d) => !d.startsWith(`${year}-`));
    if (outside.length) {
      throw CalendarErrors.dateOutsideYear(year, outside);
    }
    const overrides: YearOverrides = { ...dto };
    try {
      yearDaysOff(year, overrides); // an impossible date (30 February) is refused before anything is stored
    } catch (err) {
      throw CalendarErrors.invalidDate((err as Error).message);
    }
    await this.years.saveYear(year, overrides, adminId);
    await this.reload();
    return this.year(year);
  }

  private checkYear(year: number): void {
    if (!Number.isInteger(year) || year < 2021 || year > 2100) {
      throw CalendarErrors.yearOutOfRange();
    }
  }
}
