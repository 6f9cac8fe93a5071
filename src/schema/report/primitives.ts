import * as z from 'zod/mini';

/** Longest free text a single-line field takes. */
export const MAX_LINE = 200;
/** Longest free text a multi-line field takes (補足情報, 自由記述). */
export const MAX_TEXT = 4000;

/**
 * A calendar date as an ISO `YYYY-MM-DD` string. Dates are never `Date` objects or timestamps, so no
 * time zone can shift them. The calendar check is done in the rules (`date.invalid`), not here, so that
 * a malformed date is reported with its own code rather than a generic type error.
 */
export const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
export type IsoDate = string;

/** A single line of free text. */
export const line = z.string().check(z.maxLength(MAX_LINE));
/** Multi-line free text. */
export const text = z.string().check(z.maxLength(MAX_TEXT));
/** A phone number as typed; parsed and checked by `parsePhoneJP`. */
export const phone = z.string().check(z.maxLength(40));

/** A postal address in the form's parts. */
export const addressSchema = z.strictObject({
  /** 郵便番号, 7 digits once normalized. */
  postalCode: z.optional(z.string().check(z.maxLength(16))),
  /** 都道府県, JIS X 0401 code ('01'..'47'). */
  prefectureCode: z.optional(z.string().check(z.regex(/^\d{2}$/))),
  /** 市区町村. */
  city: z.optional(line),
  /** 町域・丁目番地・建物. */
  street: z.optional(line),
});
export type Address = z.infer<typeof addressSchema>;

/** A reference to a health center (保健所) or institution: its code and the name shown to people. */
export const facilityRefSchema = z.strictObject({
  code: z.string().check(z.minLength(1), z.maxLength(32)),
  name: line,
});
export type FacilityRef = z.infer<typeof facilityRefSchema>;
