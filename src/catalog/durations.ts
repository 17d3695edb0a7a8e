/**
 * ISO 8601 durations (`PT0S`, `PT5M`, `P1DT2H`), the one grammar of the project: rolling upgrade
 * pauses (CF7), plan timings. Azure compares them without case, so the parser does too.
 */

export interface IsoDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

export interface DurationGrammar {
  /**
   * The grammar .NET's XmlConvert accepts, which Azure uses to read `pauseTimeBetweenBatches`:
   * whole numbers, a fraction on seconds only, `.` as the decimal mark. Without it: ISO 8601
   * proper, a fraction (`.` or `,`) on any unit.
   */
  strict?: boolean;
}

const STRICT = /^P(?=\d|T\d)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;
const NUMBER = String.raw`(\d+(?:[.,]\d+)?)`;
const LENIENT = new RegExp(
  `^P(?=\\d|T\\d)(?:${NUMBER}Y)?(?:${NUMBER}M)?(?:${NUMBER}W)?(?:${NUMBER}D)?(?:T(?=\\d)(?:${NUMBER}H)?(?:${NUMBER}M)?(?:${NUMBER}S)?)?$`,
  'i',
);

/** The parts of a duration, or undefined when `text` is not one (surrounding spaces are ignored). */
export function parseIsoDuration(text: string, grammar: DurationGrammar = {}): IsoDuration | undefined {
  const match = (grammar.strict ? STRICT : LENIENT).exec(text.trim());
  if (!match) return undefined;
  const [years, months, weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part.replace(',', '.'))));
  return { years, months, weeks, days, hours, minutes, seconds };
}

/** Length in milliseconds, or undefined when the duration has years or months (they have no fixed length). */
export function durationMilliseconds(duration: IsoDuration): number | undefined {
  if (duration.years !== 0 || duration.months !== 0) return undefined;
  const seconds = (((duration.weeks * 7 + duration.days) * 24 + duration.hours) * 60 + duration.minutes) * 60 + duration.seconds;
  return Math.round(seconds * 1000);
}
