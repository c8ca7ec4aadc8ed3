import { InitProcessing1764316800000 } from './1764316800000-init-processing';
import { CaseWithdrawalsSupplements1764320000000 } from './1764320000000-case-withdrawals-supplements';
import { CaseTransitions1764320300000 } from './1764320300000-case-transitions';
import { CaseClockAndFee1764320400000 } from './1764320400000-case-clock-and-fee';
import { CaseApplicantAndProcedure1764320500000 } from './1764320500000-case-applicant-and-procedure';
import { CaseWorkingHours1764320600000 } from './1764320600000-case-working-hours';
import { CalendarYears1764320700000 } from './1764320700000-calendar-years';
import { CasePaymentWaitAndApology1764330000000 } from './1764330000000-case-payment-wait-and-apology';
import { CaseFiling1764330100000 } from './1764330100000-case-filing';
import { CaseAccessLog1764330200000 } from './1764330200000-case-access-log';
import { ResultFilesAndSlips1764340000000 } from './1764340000000-result-files-and-slips';

/** In order of application. A landed migration is never edited: add a new one. */
export const PROCESSING_MIGRATIONS = [
  InitProcessing1764316800000,
  CaseWithdrawalsSupplements1764320000000,
  CaseTransitions1764320300000,
  CaseClockAndFee1764320400000,
  CaseApplicantAndProcedure1764320500000,
  CaseWorkingHours1764320600000,
  CalendarYears1764320700000,
  CasePaymentWaitAndApology1764330000000,
  CaseFiling1764330100000,
  CaseAccessLog1764330200000,
  ResultFilesAndSlips1764340000000,
];
