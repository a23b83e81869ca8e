// The predict server's defaults, shared by `pinwheel serve`, the server itself and written apps.
// A module that imports nothing, so `pinwheel serve --help` can show them without loading Fastify.

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8080;
/** Largest accepted request body in bytes (413 above): 20 MiB, about 100,000 rows of 10 columns. */
export const DEFAULT_BODY_LIMIT = 20 * 1024 * 1024;
