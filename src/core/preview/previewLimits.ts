// How much of a pin the preview carries. A webview holds the whole message in memory and
// renders it at once, so nothing may grow with the size of the pin: every value has a cap.
export const PREVIEW_LIMITS = {
  /** Rows of a table pin, whatever the caller asks (the setting allows up to 1000). */
  maxRows: 1000,
  maxColumns: 200,
  /** Characters of one table cell. */
  maxCellChars: 200,
  /** Characters of one metadata value. */
  maxValueChars: 500,
  /** Characters of the raw data.txt (a big `user:` block can be long). */
  maxDataTxtChars: 64_000,
  /** Characters of a JSON pin's pretty-printed excerpt. */
  maxJsonChars: 20_000,
  /** Data files larger than this are not read for the first rows (reading means decoding it all). */
  maxReadBytes: 100 * 1024 * 1024,
} as const;
