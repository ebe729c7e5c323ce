// Build-time constants from vite.config.ts.

/** The course build the app was built with (16 hex digits), or "" when the lessons were not built. */
declare const __COURSE_VERSION__: string;
