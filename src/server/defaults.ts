// The predict server's defaults, in a module of their own that imports nothing: `pinwheel serve
// --help` shows them without loading Fastify (listen.ts and build.ts use them from here).

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8080;
/** Largest accepted request body in bytes (413 above): 20 MiB, about 100,000 rows of 10 columns. */
export const DEFAULT_BODY_LIMIT = 20 * 1024 * 1024;
