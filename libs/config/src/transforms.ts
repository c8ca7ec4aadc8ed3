import { Transform } from 'class-transformer';

/** "1000,5000" -> [1000, 5000]; arrays pass through. */
export const CsvNumbers = () =>
  Transform(({ value }) =>
    Array.isArray(value)
      ? value.map(Number)
      : String(value)
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s.length > 0)
          .map(Number),
  );

/** "true"/"false"/"1"/"0" -> boolean; implicit conversion would turn "false" into true. */
export const EnvBoolean = () =>
  Transform(({ value }) =>
    typeof value === 'boolean' ? value : ['true', '1', 'yes'].includes(String(value).toLowerCase()),
  );
